import { sizeClassAbove } from "../ops/mod.ts";

/** Options of {@linkcode DeviceBufferPool}. */
export interface DeviceBufferPoolOptions {
  /** Bytes of idle buffers kept for reuse; beyond it the oldest idle ones are destroyed. */
  readonly maxIdleBytes: number;
}

/**
 * Reusable `GPUBuffer`s by usage and size class (the classes of the CPU `BufferPool`), so that a
 * job creates no buffers once the pool is warm: creating and destroying buffers per request is
 * the churn young WebGPU implementations handle worst.
 */
export class DeviceBufferPool {
  readonly #device: GPUDevice;
  readonly #maxIdleBytes: number;
  /** Idle buffers per `usage:size` key; the set keeps release order for eviction. */
  readonly #byKey = new Map<string, GPUBuffer[]>();
  readonly #idle = new Set<GPUBuffer>();
  #idleBytes = 0;

  constructor(device: GPUDevice, options: DeviceBufferPoolOptions) {
    this.#device = device;
    this.#maxIdleBytes = options.maxIdleBytes;
  }

  /** Bytes held idle. */
  get idleBytes(): number {
    return this.#idleBytes;
  }

  /** A buffer of at least `bytes` with `usage`, reused when an idle one of its class exists. */
  acquire(usage: GPUBufferUsageFlags, bytes: number): GPUBuffer {
    const size = sizeClassAbove(bytes);
    const buffer = this.#byKey.get(keyOf(usage, size))?.pop();
    if (buffer === undefined) return this.#device.createBuffer({ size, usage });
    this.#idle.delete(buffer);
    this.#idleBytes -= size;
    return buffer;
  }

  /** Takes `buffer` back for reuse; the caller's work on it must have completed. */
  release(buffer: GPUBuffer): void {
    if (this.#idle.has(buffer)) return;
    if (buffer.size > this.#maxIdleBytes) return buffer.destroy();
    while (this.#idleBytes + buffer.size > this.#maxIdleBytes) this.#evictOldest();
    const key = keyOf(buffer.usage, buffer.size);
    const stack = this.#byKey.get(key);
    if (stack === undefined) this.#byKey.set(key, [buffer]);
    else stack.push(buffer);
    this.#idle.add(buffer);
    this.#idleBytes += buffer.size;
  }

  /** Destroys every idle buffer. */
  clear(): void {
    while (this.#idle.size > 0) this.#evictOldest();
  }

  #evictOldest(): void {
    const [oldest] = this.#idle;
    const stack = this.#byKey.get(keyOf(oldest.usage, oldest.size))!;
    stack.splice(stack.indexOf(oldest), 1);
    this.#idle.delete(oldest);
    this.#idleBytes -= oldest.size;
    oldest.destroy();
  }
}

function keyOf(usage: number, size: number): string {
  return `${usage}:${size}`;
}
