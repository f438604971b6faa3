/** Where a Redis server is and how to log in to it. */
export interface RedisAddress {
  readonly hostname: string;
  readonly port: number;
  /** The logical database selected after connecting. */
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
}

const DB_PATH_REGEXP = /^\/?(\d*)$/;
/** URL writes an IPv6 host in brackets, Deno.connect takes it without. */
const BRACKETED_REGEXP = /^\[(.*)\]$/;
const DEFAULT_PORT = 6379;

/**
 * Reads `redis://[[username]:password@]host[:port][/db]`. The configuration schema accepts
 * `derivative_cache.url` only if this reads it, so there is one rule for a usable URL.
 *
 * @example A password in the URL and database 2
 * ```ts
 * import assert from "node:assert/strict";
 * const address = parseRedisUrl("redis://:s3cret@cache.internal:6380/2");
 * assert.deepEqual(address, { hostname: "cache.internal", port: 6380, db: 2, password: "s3cret" });
 * ```
 *
 * @param url The URL.
 * @param password A password from elsewhere (an environment variable); it wins over the URL's.
 * @returns The address; `undefined` unless it is a `redis:` URL with a host and a numeric path.
 */
export function parseRedisUrl(url: string, password?: string): RedisAddress | undefined {
  const parsed = URL.parse(url);
  const db = DB_PATH_REGEXP.exec(parsed?.pathname ?? "")?.[1];
  if (parsed?.protocol !== "redis:" || parsed.hostname === "" || db === undefined) return undefined;
  const username = percentDecoded(parsed.username);
  const secret = password ?? percentDecoded(parsed.password);
  if (username === undefined || secret === undefined) return undefined;
  return {
    hostname: parsed.hostname.replace(BRACKETED_REGEXP, "$1"),
    port: parsed.port === "" ? DEFAULT_PORT : Number(parsed.port),
    db: db === "" ? 0 : Number(db),
    ...(username === "" ? {} : { username }),
    ...(secret === "" ? {} : { password: secret }),
  };
}

/** `undefined` for a malformed escape (`%ZZ`), which `decodeURIComponent` throws on. */
function percentDecoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
