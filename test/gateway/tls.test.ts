import { connect } from "node:tls";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger, startGateway } from "@switchyard/gateway";
import type { Simulator } from "@switchyard/providers/testing";
import { httpsFetch } from "../support/https-fetch.js";
import { makeSelfSignedCert, type SelfSignedCert } from "../support/self-signed-cert.js";
import { startGatewayProcess, type GatewayProcess } from "../support/start-gateway-process.js";
import { startTestSimulator } from "../support/start-test-simulator.js";
import { writeTempConfig } from "../support/write-temp-config.js";

// HTTPS on the gateway listener, with a certificate made by openssl at test time.
let sim: Simulator;
let cert: SelfSignedCert;
let other: SelfSignedCert;

beforeAll(async () => {
  sim = await startTestSimulator();
  cert = makeSelfSignedCert();
  other = makeSelfSignedCert();
});
afterAll(async () => {
  await sim?.close();
  cert?.cleanup();
  other?.cleanup();
});

/** SHA-256 fingerprint of the certificate a fresh TLS connection to `url` is served. */
const servedFingerprint = (url: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const u = new URL(url);
    const socket = connect({ host: u.hostname, port: Number(u.port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.on("error", reject);
  });

describe("serve --tls-cert/--tls-key (real process)", () => {
  let gw: GatewayProcess;
  let cfg: ReturnType<typeof writeTempConfig>;
  beforeAll(async () => {
    cfg = writeTempConfig("gateway.json", { models: { fast: { provider: "simulator", model: "gpt-4o-mini" } } });
    gw = await startGatewayProcess(cfg.path, { SWITCHYARD_SIMULATOR_URL: sim.url }, ["--tls-cert", cert.certFile, "--tls-key", cert.keyFile]);
  }, 120_000);
  afterAll(async () => {
    await gw?.stop();
    cfg?.cleanup();
  });

  const client = (fetch?: ReturnType<typeof httpsFetch>) =>
    new OpenAI({ apiKey: "unused", baseURL: `${gw.url}/v1`, maxRetries: 0, timeout: 15_000, ...(fetch ? { fetch } : {}) });

  it("announces an https URL and answers the official OpenAI client that trusts the certificate", async () => {
    expect(gw.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { data, response } = await client(httpsFetch(cert.cert))
      .chat.completions.create({ model: "fast", messages: [{ role: "user", content: "Hello over TLS" }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toContain("Hello over TLS");
    expect(response.headers.get("x-switchyard-route")).toBe("fast");
  });

  it("streams over TLS", async () => {
    const stream = await client(httpsFetch(cert.cert)).chat.completions.create({ model: "fast", stream: true, messages: [{ role: "user", content: "Stream over TLS" }] });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toContain("Stream over TLS");
  });

  it("is refused by a client that does not trust the certificate, and does not speak plain HTTP", async () => {
    await expect(client().models.list()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    await expect(fetch(`${gw.url.replace("https:", "http:")}/health`)).rejects.toThrow();
    expect(await servedFingerprint(gw.url)).toBe(await fingerprintOf(cert));
  });

  it("never writes the private key to its output", () => {
    expect(gw.process.output()).not.toContain("PRIVATE KEY");
    expect(gw.process.output()).not.toContain(cert.key.split("\n")[1]);
  });
});

/** The fingerprint of a certificate, read the way a client sees it. */
const fingerprintOf = async (c: SelfSignedCert): Promise<string> => {
  const { X509Certificate } = await import("node:crypto");
  return new X509Certificate(c.cert).fingerprint256;
};

describe("server.tls in config (startGateway)", () => {
  it("reads the cert from a path relative to the config file and the key from env:NAME, and rotates both on reload", { timeout: 60_000 }, async () => {
    const cfg = writeTempConfig("gateway.json", {});
    const dir = join(cfg.path, "..");
    writeFileSync(join(dir, "gw-cert.pem"), cert.cert);
    const config = (certFile: string, keyEnv: string) => ({
      models: { fast: { provider: "simulator", model: "gpt-4o-mini", baseURL: `${sim.url}/v1` } },
      server: { tls: { cert: certFile, key: `env:${keyEnv}` } },
    });
    cfg.write(config("gw-cert.pem", "SY_TEST_TLS_KEY"));
    process.env["SY_TEST_TLS_KEY"] = cert.key;
    process.env["SY_TEST_TLS_KEY_2"] = other.key;
    const gw = await startGateway({ config: cfg.path, port: 0, logger: silentLogger, watch: false });
    try {
      expect(gw.url).toMatch(/^https:/);
      const res = await httpsFetch(cert.cert)(`${gw.url}/health`);
      expect(await res.json()).toEqual({ status: "ok" });
      expect(await servedFingerprint(gw.url)).toBe(await fingerprintOf(cert));

      // A key that does not match the certificate is rejected; the old pair keeps serving.
      cfg.write(config("gw-cert.pem", "SY_TEST_TLS_KEY_2"));
      expect(await gw.reload()).toBe(false);
      expect(await servedFingerprint(gw.url)).toBe(await fingerprintOf(cert));

      // A new pair is served to new connections without a restart.
      writeFileSync(join(dir, "gw-cert-2.pem"), other.cert);
      cfg.write(config("gw-cert-2.pem", "SY_TEST_TLS_KEY_2"));
      expect(await gw.reload()).toBe(true);
      expect(await servedFingerprint(gw.url)).toBe(await fingerprintOf(other));
      const after = await httpsFetch(other.cert)(`${gw.url}/health`);
      expect(after.status).toBe(200);
    } finally {
      await gw.close();
      delete process.env["SY_TEST_TLS_KEY"];
      delete process.env["SY_TEST_TLS_KEY_2"];
      cfg.cleanup();
    }
  });

  it("fails to start with a ConfigError naming the field, without key material in the message", async () => {
    const models = { fast: { provider: "simulator", model: "m", baseURL: `${sim.url}/v1` } };
    await expect(startGateway({ config: { models, server: { tls: { cert: cert.cert, key: "/nonexistent/key.pem" } } }, port: 0, logger: silentLogger })).rejects.toMatchObject({
      _tag: "ConfigError",
      message: expect.stringMatching(/^server\.tls\.key: cannot read \/nonexistent\/key\.pem/),
    });
    const mismatch = startGateway({ config: { models, server: { tls: { cert: cert.cert, key: other.key } } }, port: 0, logger: silentLogger });
    await expect(mismatch).rejects.toMatchObject({ _tag: "ConfigError", message: expect.stringMatching(/^server\.tls: the certificate and key are not a usable pair/) });
    const message = await mismatch.catch((e: unknown) => (e instanceof Error ? e.message : ""));
    expect(message).not.toContain("PRIVATE KEY");
  });
});
