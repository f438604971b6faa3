import type { CacheKey } from "./cache_key.ts";
import type { DerivativeCache, DerivativeCacheStats } from "./derivative_cache.ts";
import { SharedCacheUnavailableError } from "./shared_cache_unavailable_error.ts";

/** A cache operation asked of the thread that holds the derivative cache open. */
export type CacheRequest =
  | {
    readonly type: "cache";
    readonly id: number;
    readonly op: "get";
    readonly key: CacheKey;
    readonly identifier: string;
  }
  | {
    readonly type: "cache";
    readonly id: number;
    readonly op: "put";
    readonly key: CacheKey;
    readonly identifier: string;
    readonly bytes: Uint8Array;
  }
  | {
    readonly type: "cache";
    readonly id: number;
    readonly op: "purge";
    readonly identifier: string;
  };

/** Its answer: the bytes found (or none), the count purged, or why it failed. */
export interface CacheReply {
  readonly type: "cache-reply";
  readonly id: number;
  readonly bytes?: Uint8Array<ArrayBuffer>;
  readonly purged?: number;
  readonly error?: { readonly name: string; readonly message: string };
}

const NO_COUNTS: DerivativeCacheStats = { entries: 0, bytes: 0, hits: 0, misses: 0 };

/**
 * The derivative cache of another thread, reached by messages: an HTTP listener thread uses the
 * cache the main thread holds open, so the disk cache keeps one index and one size bound (and
 * Redis one connection) however many threads answer requests. Only lookups that missed a
 * listener's memory layer travel. Its own `stats()` are zero: the owner counts every operation.
 */
export class RemoteDerivativeCache implements DerivativeCache {
  readonly #send: (request: CacheRequest) => void;
  readonly #pending = new Map<number, PromiseWithResolvers<CacheReply>>();
  #nextId = 1;

  /** @param send Posts a request to the owner, whose answers are handed to {@linkcode answer}. */
  constructor(send: (request: CacheRequest) => void) {
    this.#send = send;
  }

  /** Settles the request `reply` answers. */
  answer(reply: CacheReply): void {
    const pending = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    pending?.resolve(reply);
  }

  async get(key: CacheKey, identifier: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
    return (await this.#ask({ op: "get", key, identifier })).bytes;
  }

  async put(key: CacheKey, entry: { identifier: string; bytes: Uint8Array }): Promise<void> {
    await this.#ask({ op: "put", key, identifier: entry.identifier, bytes: entry.bytes });
  }

  async purge(identifier: string): Promise<number> {
    return (await this.#ask({ op: "purge", identifier })).purged ?? 0;
  }

  stats(): DerivativeCacheStats {
    return NO_COUNTS;
  }

  /** Fails what is still waiting: the owner is gone. */
  close(): void {
    for (const [id, pending] of this.#pending) {
      pending.resolve({
        type: "cache-reply",
        id,
        error: { name: "Error", message: "cache closed" },
      });
    }
    this.#pending.clear();
  }

  async #ask(request: DistributiveOmit<CacheRequest, "type" | "id">): Promise<CacheReply> {
    const id = this.#nextId++;
    const pending = Promise.withResolvers<CacheReply>();
    this.#pending.set(id, pending);
    this.#send({ ...request, type: "cache", id } as CacheRequest);
    const reply = await pending.promise;
    if (reply.error) throw errorOf(reply.error);
    return reply;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The owner's error as this thread's: Redis away stays a 503 on a purge. */
function errorOf({ name, message }: { name: string; message: string }): Error {
  if (name === "SharedCacheUnavailableError") {
    return Object.assign(new SharedCacheUnavailableError(""), { message });
  }
  return Object.assign(new Error(message), { name });
}

/**
 * Answers a {@linkcode RemoteDerivativeCache}'s request from the cache this thread holds.
 *
 * @param cache The cache the process opened.
 * @param request What the other thread asked.
 * @param reply Posts the answer back (found bytes are transferred).
 */
export async function answerCacheRequest(
  cache: DerivativeCache,
  request: CacheRequest,
  reply: (answer: CacheReply, transfer: Transferable[]) => void,
): Promise<void> {
  const { id } = request;
  try {
    if (request.op === "get") {
      const bytes = await cache.get(request.key, request.identifier);
      reply({ type: "cache-reply", id, bytes }, bytes ? [bytes.buffer] : []);
    } else if (request.op === "put") {
      await cache.put(request.key, { identifier: request.identifier, bytes: request.bytes });
      reply({ type: "cache-reply", id }, []);
    } else {
      const purged = await cache.purge(request.identifier);
      reply({ type: "cache-reply", id, purged }, []);
    }
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    reply({ type: "cache-reply", id, error: { name, message } }, []);
  }
}
