import { readFileSync } from "node:fs";
import { createSecureContext } from "node:tls";
import { isAbsolute, resolve } from "node:path";
import { ConfigError } from "@switchyard/core";

/** Where a certificate and its private key come from: PEM text, a file path, or `env:NAME`. */
export interface TlsSource {
  readonly cert: string;
  readonly key: string;
}

/** A certificate chain and private key, as PEM, ready for `https.createServer`. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
}

const looksLikePem = (v: string): boolean => v.trimStart().startsWith("-----BEGIN ");

/** One value: `env:NAME` (its content is PEM or a path), inline PEM, or a path relative to `baseDir`. */
const readPem = (value: string, field: string, baseDir: string, env: NodeJS.ProcessEnv): string => {
  let v = value;
  if (v.startsWith("env:")) {
    const name = v.slice(4);
    const fromEnv = env[name];
    if (fromEnv === undefined || fromEnv === "") throw new ConfigError({ message: `${field}: environment variable ${name} is not set`, path: field.split(".") });
    v = fromEnv;
  }
  if (looksLikePem(v)) return v;
  const file = isAbsolute(v) ? v : resolve(baseDir, v);
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    // The path is config, not a secret; the file's content never reaches the message.
    const reason = e instanceof Error && "code" in e ? String(e.code) : "unreadable";
    throw new ConfigError({ message: `${field}: cannot read ${file} (${reason})`, path: field.split(".") });
  }
};

/**
 * Resolves `server.tls` (or `--tls-cert`/`--tls-key`) to PEM text and checks that the key
 * matches the certificate now, so a bad pair is a ConfigError at start or reload rather
 * than a failed handshake later. Error messages name the field, never key material.
 * @example
 * const tls = resolveTlsMaterial({ cert: "certs/gw.pem", key: "env:GW_TLS_KEY" }, "/etc/switchyard");
 * https.createServer({ ...tls }, handler);
 */
export const resolveTlsMaterial = (source: TlsSource, baseDir: string, env: NodeJS.ProcessEnv = process.env): TlsMaterial => {
  const material = { cert: readPem(source.cert, "server.tls.cert", baseDir, env), key: readPem(source.key, "server.tls.key", baseDir, env) };
  try {
    createSecureContext(material);
  } catch (e) {
    // OpenSSL's reason ("key values mismatch", "no start line") carries no key bytes.
    const reason = e instanceof Error ? e.message : "invalid";
    throw new ConfigError({ message: `server.tls: the certificate and key are not a usable pair (${reason})`, path: ["server", "tls"] });
  }
  return material;
};
