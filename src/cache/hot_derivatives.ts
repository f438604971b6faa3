import { LRUCache } from "lru-cache";

/**
 * How long an entry is trusted: a purge of the disk cache made by another process (`tessera
 * purge`) reaches this layer at the latest when its entries expire. (The server puts no memory
 * layer in front of a shared Redis cache, where a purge must reach every instance at once.)
 */
export const HOT_ENTRY_TTL_MS = 10_000;

/** Counters of {@linkcode HotDerivatives}, for `/status`. */
export interface HotDerivativeStats {
  readonly entries: number;
  readonly bytes: number;
  readonly hits: number;
  readonly misses: number;
}

interface HotEntry {
  readonly identifier: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/**
 * The most requested encoded derivatives in memory, in front of the derivative cache: a viewer's
 * tiles of the day are answered without a file read (about 46 µs of the main thread per tile on
 * these VMs). Bounded in bytes, least recently used evicted first, and every
 * entry expires {@linkcode HOT_ENTRY_TTL_MS} after it was stored, so a purge from another process
 * shows within that time; a purge here takes effect at once.
 *
 * @example Usage
 * ```ts
 * import { HotDerivatives } from "./hot_derivatives.ts";
 * import assert from "node:assert/strict";
 *
 * const hot = new HotDerivatives(1024);
 * hot.set("tile key", { identifier: "maps:a.tif", bytes: new Uint8Array(10) });
 * assert.equal(hot.get("tile key")?.length, 10);
 * assert.equal(hot.purge("maps:a.tif"), 1);
 * assert.equal(hot.get("tile key"), undefined);
 * ```
 */
export class HotDerivatives {
  readonly #entries: LRUCache<string, HotEntry>;
  #hits = 0;
  #misses = 0;

  /**
   * @param maxBytes The most bytes held; an entry larger than an eighth of it is not kept.
   * @param ttlMs How long an entry is kept after it was stored.
   */
  constructor(maxBytes: number, ttlMs = HOT_ENTRY_TTL_MS) {
    this.#entries = new LRUCache<string, HotEntry>({
      maxSize: maxBytes,
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
      sizeCalculation: (entry) => Math.max(1, entry.bytes.byteLength),
      ttl: ttlMs,
    });
  }

  /** The bytes stored under `key`, unless evicted or expired. */
  get(key: string): Uint8Array<ArrayBuffer> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) this.#misses++;
    else this.#hits++;
    return entry?.bytes;
  }

  /** Keeps `entry` under `key` (too large ones are silently not kept). */
  set(key: string, entry: HotEntry): void {
    this.#entries.set(key, entry);
  }

  /** Drops every entry of `identifier`; returns how many. */
  purge(identifier: string): number {
    let removed = 0;
    for (const [key, entry] of this.#entries.entries()) {
      if (entry.identifier === identifier && this.#entries.delete(key)) removed++;
    }
    return removed;
  }

  /** Entries and bytes held now, hits and misses since start. */
  stats(): HotDerivativeStats {
    return {
      entries: this.#entries.size,
      bytes: this.#entries.calculatedSize,
      hits: this.#hits,
      misses: this.#misses,
    };
  }
}
