/**
 * Where the gateway allocates: a sampling heap profile of the gateway hot path (gateway in
 * this process, the simulator and autocannon in their own), counting objects the GC has
 * already collected too, so it shows the short-lived garbage that drives scavenges and
 * promotions. Prints bytes allocated per request and the top allocation sites.
 *
 *   npm run bench -- profile/gateway-allocations [--route one|full] [--telemetry] [--stream] [--seconds 6] [--top 40] [--rate 1000] [--promoted] [--out /tmp/gw.heapprofile]
 *
 * `--promoted` counts only objects that outlived the young generation (collected by a major
 * GC, or still alive): the ones that make old-space grow and major GCs come.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { droppingTelemetry } from "../lib/dropping-telemetry.js";
import { startProfiledGateway } from "./profiled-gateway.js";
import { frameKey } from "./top-self-time.js";

const { values } = parseArgs({
  options: {
    route: { type: "string", default: "one" },
    telemetry: { type: "boolean", default: false },
    stream: { type: "boolean", default: false },
    seconds: { type: "string", default: "6" },
    top: { type: "string", default: "40" },
    /** Leave out what scavenges collect: what remains is what survived into the old generation. */
    promoted: { type: "boolean", default: false },
    rate: { type: "string" },
    out: { type: "string" },
  },
});

/** One node of V8's sampling heap profile. */
interface SamplingNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: ReadonlyArray<SamplingNode>;
}

const telemetry = values.telemetry === true ? droppingTelemetry() : undefined;
const gateway = await startProfiledGateway(
  {
    route: values.route === "full" ? "full" : "one",
    stream: values.stream === true,
    ...(values.rate === undefined ? {} : { rate: Number(values.rate) }),
  },
  telemetry?.observer,
);
const load = gateway.load;
try {
  await load(3);
  const session = new Session();
  session.connect();
  await session.post("HeapProfiler.enable");
  await session.post("HeapProfiler.startSampling", { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: values.promoted !== true });
  const result = await load(Number(values.seconds));
  const { profile } = (await session.post("HeapProfiler.stopSampling")) as unknown as { profile: { head: SamplingNode } };
  session.disconnect();
  if (values.out !== undefined) writeFileSync(values.out, JSON.stringify(profile));

  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (n: SamplingNode): void => {
    if (n.selfSize > 0) {
      const f = n.callFrame;
      const key = frameKey(f);
      bySite.set(key, (bySite.get(key) ?? 0) + n.selfSize);
      total += n.selfSize;
    }
    for (const c of n.children) walk(c);
  };
  walk(profile.head);
  const perRequest = (bytes: number) => bytes / result.requests;
  console.log(`${result.requests} requests, ${result.requestsPerSecond.toFixed(0)} req/s; ≈${(perRequest(total) / 1024).toFixed(1)} KB allocated per request (sampled)\n`);
  console.log("bytes/req  share  allocation site");
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
    console.log(`${perRequest(bytes).toFixed(0).padStart(9)}  ${((bytes / total) * 100).toFixed(1).padStart(4)}%  ${site}`);
  }
} finally {
  await gateway.close();
  await telemetry?.shutdown();
}
