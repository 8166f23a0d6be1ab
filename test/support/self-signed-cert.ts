import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A throwaway certificate made at test time; its private key lives in a temp dir until `cleanup`. */
export interface SelfSignedCert {
  readonly certFile: string;
  readonly keyFile: string;
  readonly cert: string;
  readonly key: string;
  readonly cleanup: () => void;
}

/**
 * Generates a one-day self-signed RSA certificate for `localhost` and 127.0.0.1 with the
 * system's `openssl` (never a committed key).
 * @example
 * const tls = makeSelfSignedCert();
 * // serve with tls.certFile / tls.keyFile, trust tls.cert in the client
 * tls.cleanup();
 */
export const makeSelfSignedCert = (): SelfSignedCert => {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-tls-"));
  const certFile = join(dir, "cert.pem");
  const keyFile = join(dir, "key.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", keyFile, "-out", certFile],
    { stdio: "ignore", timeout: 30_000 },
  );
  return { certFile, keyFile, cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8"), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};
