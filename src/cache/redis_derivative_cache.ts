import { describeError } from "../sources/mod.ts";
import { entryName, ownerName } from "./_entry_name.ts";
import type { RedisAddress } from "./_redis_address.ts";
import { RedisConnection } from "./_redis_connection.ts";
import { GET_SCRIPT, PURGE_SCRIPT, PUT_SCRIPT, type RedisScript } from "./_redis_scripts.ts";
import { RedisReplyError, type RespValue } from "./_resp_codec.ts";
import type { CacheKey } from "./cache_key.ts";
import type { DerivativeCache, DerivativeCacheStats } from "./derivative_cache.ts";
import { SharedCacheUnavailableError } from "./shared_cache_unavailable_error.ts";

/**
 * Larger derivatives are not shared: one would hold up the pipelined connection for every other
 * request, and a whole-image render that big is rare enough to make again.
 */
export const MAX_SHARED_ENTRY_BYTES = 8 * 1024 * 1024;

/** Settings of a {@linkcode RedisDerivativeCache}. */
export interface RedisCacheOptions {
  /** The server and credentials. */
  readonly address: RedisAddress;
  /** Most bytes of entries kept in Redis, over all instances sharing `keyPrefix`. */
  readonly maxBytes: number;
  /** Seconds an unused entry lives; 0 for no expiry. */
  readonly ttlSeconds: number;
  /** Prepended to every key, so several deployments can share one Redis. */
  readonly keyPrefix: string;
  /** Longest wait to connect or for a reply, in milliseconds. */
  readonly timeoutMs: number;
  /** Told once when Redis becomes unavailable and once when it is back (default: stderr). */
  readonly log?: (message: string) => void;
}

/**
 * Encoded derivatives in Redis, shared by every instance that uses the same server and prefix:
 * a tile one instance rendered is served by all. The byte bound, the LRU order and the ttl are
 * kept by Lua scripts inside Redis, so instances agree on them (see `_redis_scripts.ts`).
 *
 * Redis being down, slow or dropping the connection never fails a request: `get` misses and
 * `put` skips, both counted in {@linkcode RedisDerivativeCache.stats}, and the change is logged
 * once per outage. Only {@linkcode RedisDerivativeCache.purge} throws, since a purge that did
 * nothing must not look like one that worked.
 *
 * @example Share tiles between instances
 * ```ts ignore
 * const cache = new RedisDerivativeCache({
 *   address: parseRedisUrl("redis://cache.internal:6379/0"),
 *   maxBytes: 1 << 30, ttlSeconds: 604800, keyPrefix: "tessera:", timeoutMs: 500,
 * });
 * const bytes = await cache.get(key, "samples:map.tif") ?? await render(plan);
 * ```
 */
export class RedisDerivativeCache implements DerivativeCache {
  readonly #connection: RedisConnection;
  readonly #options: RedisCacheOptions;
  readonly #log: (message: string) => void;
  /** `<prefix>e:`, to which a lookup adds only what varies: `<owner>:<key digest>`. */
  readonly #entryKeyPrefix: string;
  #entries = 0;
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #failures = 0;
  #outages = 0;
  #available = true;

  /**
   * Connects on first use, so a server starts even while Redis is down.
   *
   * @param options The server, bounds and key prefix.
   * @throws {RangeError} If `maxBytes` is not a positive integer.
   */
  constructor(options: RedisCacheOptions) {
    if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes <= 0) {
      throw new RangeError(`Cannot open Redis cache: maxBytes "${options.maxBytes}" is invalid`);
    }
    this.#options = options;
    this.#connection = new RedisConnection(options.address, { timeoutMs: options.timeoutMs });
    this.#log = options.log ?? console.error;
    this.#entryKeyPrefix = `${options.keyPrefix}e:`;
  }

  /**
   * Reads an entry, renewing its ttl and LRU position.
   *
   * @returns The bytes; `undefined` when absent or when Redis cannot be asked.
   */
  async get(key: CacheKey, identifier: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
    const reply = await this.#eval(GET_SCRIPT, [
      this.#entryKey(key, identifier),
      String(this.#options.ttlSeconds),
    ]);
    const [value, bytes, entries] = Array.isArray(reply) ? reply : [];
    if (typeof bytes === "number" && typeof entries === "number") this.#remember(bytes, entries);
    if (!(value instanceof Uint8Array)) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    return value;
  }

  /** Stores an entry unless it is empty, too large, or Redis cannot be reached. */
  async put(key: CacheKey, entry: { identifier: string; bytes: Uint8Array }): Promise<void> {
    const { identifier, bytes } = entry;
    const { maxBytes, ttlSeconds } = this.#options;
    if (bytes.byteLength === 0 || bytes.byteLength > Math.min(maxBytes, MAX_SHARED_ENTRY_BYTES)) {
      return;
    }
    const reply = await this.#eval(PUT_SCRIPT, [
      this.#entryKey(key, identifier),
      String(ttlSeconds),
      String(maxBytes),
      bytes,
    ]);
    if (Array.isArray(reply)) this.#remember(Number(reply[0]), Number(reply[1]));
  }

  /**
   * Removes every entry of one source, whichever instance stored it.
   *
   * @throws {SharedCacheUnavailableError} Redis cannot be reached or failed the script.
   */
  async purge(identifier: string): Promise<number> {
    const args = [this.#options.keyPrefix, ownerName(identifier)];
    const reply = await this.#connection.evalScript(PURGE_SCRIPT, args);
    if (typeof reply !== "number") {
      throw new SharedCacheUnavailableError(this.#connection.label, { cause: reply });
    }
    return reply;
  }

  /** @returns Totals as Redis last reported them, this instance's hits and misses, health. */
  stats(): DerivativeCacheStats {
    return {
      entries: this.#entries,
      bytes: this.#bytes,
      hits: this.#hits,
      misses: this.#misses,
      shared: {
        address: this.#connection.label,
        available: this.#available,
        failures: this.#failures,
        outages: this.#outages,
      },
    };
  }

  /** Closes the connection. */
  close(): void {
    this.#connection.close();
  }

  /** The scripts read the owner back from the key, at a fixed offset after the prefix. */
  #entryKey(key: CacheKey, identifier: string): string {
    return `${this.#entryKeyPrefix}${entryName(key, identifier, ":")}`;
  }

  /** Runs a script; a failure of any kind is recorded and turns into `undefined`. */
  async #eval(script: RedisScript, args: (string | Uint8Array)[]): Promise<RespValue | undefined> {
    try {
      const reply = await this.#connection.evalScript(script, [this.#options.keyPrefix, ...args]);
      if (reply instanceof RedisReplyError) throw reply;
      this.#recovered();
      return reply;
    } catch (error) {
      this.#failed(error);
      return undefined;
    }
  }

  #remember(bytes: number, entries: number): void {
    this.#bytes = bytes;
    this.#entries = entries;
  }

  #recovered(): void {
    if (this.#available) return;
    this.#available = true;
    this.#log(`Shared cache at "${this.#connection.label}" is available again`);
  }

  #failed(error: unknown): void {
    this.#failures++;
    if (!this.#available) return;
    this.#available = false;
    this.#outages++;
    // The line says the cache is unavailable already: describe what is behind that.
    const reason = error instanceof SharedCacheUnavailableError && error.cause !== undefined
      ? error.cause
      : error;
    this.#log(
      `Shared cache at "${this.#connection.label}" is unavailable, serving without it: ` +
        describeError(reason),
    );
  }
}
