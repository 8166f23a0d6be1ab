import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileRouterModel, loadRouterModel } from "./router-model.js";
import { runTrainRouterCli } from "./train-router-cli.js";

const dir = mkdtempSync(join(tmpdir(), "train-router-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) }, out, err };
};

describe("switchyard train-router", () => {
  it("trains from JSONL, prints held-out metrics and writes a loadable model", async () => {
    const data = join(dir, "prompts.jsonl");
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify(
        i % 3 === 0
          ? { id: `p${i}`, prompt: `Integrate x^${i} sin(x) dx and justify each step.`, scores: { small: 0, big: 1 } }
          : { id: `p${i}`, prompt: `Translate "good morning" number ${i} into French.`, scores: { small: 1, big: 1 } },
      ),
    );
    writeFileSync(data, `${lines.join("\n")}\n`);
    const out = join(dir, "router.json");
    const c = capture();
    const code = await runTrainRouterCli(["--data", data, "--weak", "small", "--strong", "big", "--out", out, "--holdout", "0.25", "--seed", "3"], c.io);
    expect(c.err).toEqual([]);
    expect(code).toBe(0);
    expect(c.out.join("\n")).toMatch(/held-out: APGR \d\.\d{3}/);
    const model = loadRouterModel(JSON.parse(readFileSync(out, "utf8")));
    expect(model.weak).toBe("small");
    expect(compileRouterModel(model).score("Integrate x^7 sin(x) dx and justify each step.")).toBeGreaterThan(0.5);
  });

  it("exits 2 with usage on bad arguments or data, naming the problem", async () => {
    const c = capture();
    expect(await runTrainRouterCli(["--data", "x.jsonl", "--weak", "a"], c.io)).toBe(2);
    expect(c.err.join("\n")).toMatch(/--strong is required[\s\S]*usage: switchyard train-router/);
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, "{not json}\n");
    const d = capture();
    expect(await runTrainRouterCli(["--data", bad, "--weak", "a", "--strong", "b", "--out", join(dir, "o.json")], d.io)).toBe(2);
    expect(d.err.join("\n")).toMatch(/line 1: not valid JSON/);
    const e = capture();
    expect(await runTrainRouterCli(["--data", join(dir, "missing.jsonl"), "--weak", "a", "--strong", "b", "--out", join(dir, "o.json")], e.io)).toBe(1);
    expect(e.err.join("\n")).toMatch(/ENOENT/);
  });
});
