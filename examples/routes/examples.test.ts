import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const here = fileURLToPath(new URL(".", import.meta.url));

/** Runs an example script the way the README says, offline (no OPENAI_API_KEY), and returns its output. */
const example = async (file: string) => {
  const env = { ...process.env };
  delete env.OPENAI_API_KEY;
  const { stdout } = await run(process.execPath, ["--import", "tsx", `${here}${file}`], { env, timeout: 60_000 });
  return stdout;
};

describe("the foundation examples run against the simulator", () => {
  it("resilient-fallback retries the primary, then falls back to the third model", async () => {
    const out = await example("resilient-fallback.ts");
    expect(out).toContain("SIMULATOR");
    expect(out).toContain("answered by: tertiary");
    expect(out).toMatch(/primary \(retry after waiting \d{4} ms\)/);
  });

  it("classified sends code and chat to different pools", async () => {
    const out = await example("classified.ts");
    expect(out).toMatch(/class:\s+code[\s\S]*answered by: coder/);
    expect(out).toMatch(/class:\s+chat[\s\S]*answered by: chatty/);
  });

  it("validated-cascade escalates when the cheap answer fails the schema", async () => {
    const out = await example("validated-cascade.ts");
    expect(out).toContain("cheap (call) → invalid [InvalidOutput]");
    expect(out).toContain("answered by: strong");
  });
});
