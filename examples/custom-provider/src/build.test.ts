import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const pkg = fileURLToPath(new URL("..", import.meta.url));

describe("the third-party provider package builds as published", () => {
  let out: string | undefined;
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it("its build script emits ESM and type declarations, and the built entry exports the provider", { timeout: 120_000 }, async () => {
    out = await mkdtemp(join(pkg, ".build-test-"));
    const tsc = join(pkg, "..", "..", "node_modules", "typescript", "bin", "tsc");
    await run(process.execPath, [tsc, "-p", join(pkg, "tsconfig.build.json"), "--outDir", out], { cwd: pkg, timeout: 110_000 });
    const files = await readdir(out);
    expect(files).toContain("index.js");
    expect(files).toContain("index.d.ts");
    const built = (await import(join(out, "index.js"))) as { cohere: (s: { apiKey: string }) => (id: string) => { provider: string; modelId: string; specificationVersion: string } };
    const model = built.cohere({ apiKey: "test-key" })("command-a-03-2025");
    expect(model).toMatchObject({ specificationVersion: "switchyard.v1", modelId: "command-a-03-2025" });
  });
});
