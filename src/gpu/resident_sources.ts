import { LRUCache } from "lru-cache";
import type { DeviceBufferPool } from "./device_buffer_pool.ts";

/**
 * Decoded sources kept on the device by `sourceKey`, bounded in bytes: a tile of a source whose
 * key is resident uploads nothing. Evicted buffers go back to the device pool.
 */
export class ResidentSources {
  readonly #cache: LRUCache<string, GPUBuffer> | undefined;
  readonly #maxBytes: number;

  constructor(pool: DeviceBufferPool, maxBytes: number) {
    this.#maxBytes = maxBytes;
    this.#cache = maxBytes > 0
      ? new LRUCache({
        maxSize: maxBytes,
        sizeCalculation: (buffer) => buffer.size,
        dispose: (buffer) => pool.release(buffer),
      })
      : undefined;
  }

  /** The resident buffer of `key`, marked most recently used. */
  get(key: string): GPUBuffer | undefined {
    return this.#cache?.get(key);
  }

  /** Whether a buffer of `bytes` may be kept at all. */
  fits(bytes: number): boolean {
    return bytes <= this.#maxBytes;
  }

  /** Keeps `buffer` (filled with the source of `key`), evicting the least recently used. */
  set(key: string, buffer: GPUBuffer): void {
    this.#cache?.set(key, buffer);
  }

  /** Sources and bytes held. */
  get stats(): { readonly residentSources: number; readonly residentBytes: number } {
    return {
      residentSources: this.#cache?.size ?? 0,
      residentBytes: this.#cache?.calculatedSize ?? 0,
    };
  }

  /** Hands every buffer back to the pool. */
  clear(): void {
    this.#cache?.clear();
  }
}
