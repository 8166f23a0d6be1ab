import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The README's main job (`pnpm start` → scripts/start.ts) as a user runs it, offline: it must
 * start the simulator, the devtools and the gateway, send its demo requests through every
 * example route, and the devtools must hold those runs with the retry and fallback visible.
 */
describe("the main job", () => {
  const dir = mkdtemp(join(tmpdir(), "switchyard-main-job-"));
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(async () => {
    if (child?.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child?.once("exit", r));
    }
    await rm(await dir, { recursive: true, force: true });
  });

  it("serves the example routes on the simulator and shows the demo runs in the devtools", { timeout: 240_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", DEVTOOLS_PORT: "0", SIMULATOR_PORT: "0", SWITCHYARD_DEVTOOLS_DB: join(await dir, "devtools.db") };
    delete env.OPENAI_API_KEY;
    child = spawn(process.execPath, ["--import", "tsx", join(root, "scripts/start.ts")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`main job did not finish its demo:\n${out}`)), 220_000);
      const check = setInterval(() => {
        if (out.includes("to inspect these runs")) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
      child?.once("exit", (code) => reject(new Error(`main job exited with ${code}:\n${out}`)));
    });
    expect(out).toContain("SIMULATOR");
    expect(out).toMatch(/demo\s+resilient\s+→ 200 via mini-4\.1 \(4 attempt\(s\)\)/);
    expect(out).toMatch(/demo\s+sentiment\s+→ 200 via large/);
    const devtools = /Devtools\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(devtools).toBeDefined();
    // Traces are exported in batches: wait until the demo runs have landed.
    let runs: Array<{ route: string; status: string; attempts?: number; path?: string[] }> = [];
    for (let i = 0; i < 50 && runs.filter((r) => r.status === "ok").length < 6; i++) {
      await new Promise((r) => setTimeout(r, 200));
      runs = ((await (await fetch(`${devtools}/api/runs`)).json()) as { runs: typeof runs }).runs;
    }
    const resilient = runs.find((r) => r.route === "resilient");
    expect(resilient).toMatchObject({ status: "ok", path: ["pick", "call", "fallback", "call", "done"] });
    expect(new Set(runs.map((r) => r.route))).toEqual(new Set(["resilient", "classified", "sentiment", "mini", "mini-4.1", "large"]));
    const ui = await fetch(devtools ?? "");
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain("<div id=\"root\"");
  });
});
