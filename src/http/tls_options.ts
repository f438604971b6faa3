import { type Config, ConfigError } from "../config/mod.ts";

/** The certificate chain and private key `Deno.serve` listens with, both PEM. */
export interface TlsOptions {
  readonly cert: string;
  readonly key: string;
}

/**
 * Reads the `tls` certificate and key when configured. Over TLS `Deno.serve` offers HTTP/2 by ALPN, so a viewer fetching dozens of tiles
 * at once multiplexes them on one connection instead of queueing behind six.
 *
 * @returns The PEM texts, or `undefined` for plain HTTP.
 * @throws {ConfigError} A file cannot be read or holds no PEM block.
 */
export async function readTlsOptions(config: Config): Promise<TlsOptions | undefined> {
  if (config.tls === null) return undefined;
  return {
    cert: await readPem("tls.cert_file", config.tls.cert_file),
    key: await readPem("tls.key_file", config.tls.key_file),
  };
}

async function readPem(key: string, path: string): Promise<string> {
  const problem = (reason: string, cause?: unknown) =>
    new ConfigError(key, [`cannot use "${path}": ${reason}`], { cause });
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw problem((error as Error).message, error);
  }
  if (!text.includes("-----BEGIN ")) throw problem("expected a PEM file");
  return text;
}
