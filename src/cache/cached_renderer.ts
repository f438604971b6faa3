import type { ImagePlan } from "../iiif/mod.ts";
import type { BackendName } from "../ops/mod.ts";
import type { JobSource, JobTimings, WorkerPool } from "../../workers/mod.ts";
import type { CacheKey } from "./cache_key.ts";
import type { DerivativeCache, DerivativeCacheStats } from "./derivative_cache.ts";
import type { HotDerivatives, HotDerivativeStats } from "./hot_derivatives.ts";

/** Where a response's bytes came from. */
export type CacheOutcome = "hit" | "miss" | "coalesced";

/** A rendered derivative; `timings` and `backend` only when a worker job ran for it. */
export interface Rendered {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly cache: CacheOutcome;
  readonly backend?: BackendName;
  /** Why a job meant for the GPU ran on the CPU, when it did. */
  readonly fallback?: string;
  readonly timings?: JobTimings;
}

/** The derivative cache's counters, with those of the memory layer in front of it when there is one. */
export type RendererCacheStats = DerivativeCacheStats & { readonly memory?: HotDerivativeStats };

/** Called when a finished derivative could not be written to the cache (the response is fine). */
export type CacheWriteFailure = (key: string, error: unknown) => void;

/**
 * Derivatives on demand: the memory layer of hot derivatives, then the derivative cache, else one
 * worker job per key however many requests ask for it at once (they share its promise). A failed
 * job writes nothing.
 */
export class CachedRenderer {
  readonly #cache: DerivativeCache;
  readonly #pool: WorkerPool;
  readonly #onWriteFailure: CacheWriteFailure;
  readonly #hot: HotDerivatives | undefined;
  readonly #inFlight = new Map<string, Promise<Rendered>>();

  /**
   * @param cache The derivative cache, on disk (possibly disabled) or shared in Redis.
   * @param options The worker pool, where cache write failures are reported, and the memory
   *   layer, if any.
   */
  constructor(
    cache: DerivativeCache,
    options: { pool: WorkerPool; onWriteFailure: CacheWriteFailure; hot?: HotDerivatives },
  ) {
    this.#cache = cache;
    this.#pool = options.pool;
    this.#onWriteFailure = options.onWriteFailure;
    this.#hot = options.hot;
  }

  /**
   * Removes every derivative of a source from the memory layer and the cache behind it, through
   * the cache this server holds open (so its own size count stays right, and Redis is reached
   * on the connection it has).
   *
   * @param identifier The source's `<profile>:<name>`.
   * @returns How many derivatives the cache removed.
   * @throws {Error} The I/O error, or `SharedCacheUnavailableError` while Redis is away.
   */
  purge(identifier: string): Promise<number> {
    this.#hot?.purge(identifier);
    return this.#cache.purge(identifier);
  }

  /** Drops a source's derivatives from the memory layer only (another listener purged the cache). */
  purgeMemory(identifier: string): void {
    this.#hot?.purge(identifier);
  }

  /**
   * The derivative cache's size and hit counts (and a shared cache's health), with the memory
   * layer's, for `/status`.
   */
  stats(): RendererCacheStats {
    const stats = this.#cache.stats();
    return this.#hot ? { ...stats, memory: this.#hot.stats() } : stats;
  }

  /** Releases the cache's connection, if it has one. */
  close(): void {
    this.#cache.close();
  }

  /**
   * The derivative for `key`, rendered from `plan` and `source` when not cached.
   *
   * @param key Hashed by the caller, who makes its ETag from the same digest.
   *
   * @throws {QueueFullError} The pool's queue is full.
   * @throws {WorkerCrashedError} The worker died during the job.
   */
  render(key: CacheKey, plan: ImagePlan, source: JobSource): Promise<Rendered> {
    const { text } = key;
    const hot = this.#hot?.get(text);
    if (hot) return Promise.resolve({ body: hot, cache: "hit" });
    const running = this.#inFlight.get(text);
    if (running) return running.then((rendered) => ({ ...rendered, cache: "coalesced" }));
    const job = this.#lookupOrRender(key, plan, source).finally(() => this.#inFlight.delete(text));
    this.#inFlight.set(text, job);
    return job;
  }

  async #lookupOrRender(key: CacheKey, plan: ImagePlan, source: JobSource): Promise<Rendered> {
    const identifier = purgeName(source);
    const cached = await this.#cache.get(key, identifier);
    if (cached) {
      this.#hot?.set(key.text, { identifier, bytes: cached });
      return { body: cached, cache: "hit" };
    }
    return await this.#renderAndStore(key, plan, source);
  }

  async #renderAndStore(key: CacheKey, plan: ImagePlan, source: JobSource): Promise<Rendered> {
    const result = await this.#pool.run(plan, source);
    const identifier = purgeName(source);
    this.#hot?.set(key.text, { identifier, bytes: result.body });
    if (worthStoring(result.timings, source)) {
      try {
        await this.#cache.put(key, { identifier, bytes: result.body });
      } catch (error) {
        this.#onWriteFailure(key.text, error);
      }
    }
    const { body, backend, fallback, timings } = result;
    return { body, cache: "miss", backend, fallback, timings };
  }
}

/**
 * Whether a rendered derivative earns its place in the cache. A stored tile of a local file sent
 * as it is (`source: "tile"`) does not: reading it again costs what a cache hit costs, and a copy
 * would double its disk use and add a write to every tile a viewer asks for. From S3 it does,
 * since the cache then saves a round trip.
 */
function worthStoring(timings: JobTimings | undefined, source: JobSource): boolean {
  return timings?.source !== "tile" || source.s3 !== undefined;
}

/** The name a source's entries are purged by: its identifier (every route sets it), else its path. */
function purgeName(source: JobSource): string {
  return source.identifier ?? source.path;
}
