/** Options of {@linkcode BufferPool}. */
export interface BufferPoolOptions {
  /**
   * Bytes the pool may keep idle. Releasing beyond this drops the oldest idle arrays first.
   * Defaults to 256 MiB.
   */
  readonly maxIdleBytes?: number;
  /**
   * Makes a new array of a size class; defaults to `new Uint8Array(n)`. Arrays over a
   * `SharedArrayBuffer` let several workers write one picture.
   */
  readonly allocate?: (byteLength: number) => Uint8Array;
}

/** The smallest size class: tiny requests share 4 KiB arrays. */
const MIN_CLASS_BYTES = 4096;
/** Size classes per doubling: 1, 1.25, 1.5 and 1.75 × a power of two, so at most 25% is wasted. */
const STEPS_PER_OCTAVE = 4;
const DEFAULT_MAX_IDLE_BYTES = 256 * 1024 * 1024;

/**
 * Reusable `Uint8Array`s by size class, so that large rasters are not allocated per request
 * (first touch of fresh memory costs 4–9 ms per MB on the target VMs).
 *
 * Size classes are 4 KiB and then 1, 1.25, 1.5 and 1.75 × each power of two from 4 KiB up:
 * `acquire(n)` hands out an array of the smallest class ≥ n, reusing an idle one of exactly that
 * class when there is one. A reused array holds stale bytes: callers overwrite what they use.
 * Single-threaded (one pool per worker); arrays are never shared between pools.
 */
export class BufferPool {
  readonly #maxIdleBytes: number;
  readonly #allocate: (byteLength: number) => Uint8Array;
  /** Idle arrays per size class, most recently released last. */
  readonly #byClass = new Map<number, Uint8Array[]>();
  /** All idle arrays in release order, so the oldest is evicted first. */
  readonly #idle = new Set<Uint8Array>();
  #idleBytes = 0;

  /**
   * @throws {RangeError} If `maxIdleBytes` is negative or not a number.
   */
  constructor(options: BufferPoolOptions = {}) {
    const maxIdleBytes = options.maxIdleBytes ?? DEFAULT_MAX_IDLE_BYTES;
    if (!(maxIdleBytes >= 0)) {
      throw new RangeError(
        `Cannot create buffer pool with maxIdleBytes "${maxIdleBytes}": must be zero or more`,
      );
    }
    this.#maxIdleBytes = maxIdleBytes;
    this.#allocate = options.allocate ?? ((byteLength) => new Uint8Array(byteLength));
  }

  /** Bytes currently held idle. */
  get idleBytes(): number {
    return this.#idleBytes;
  }

  /**
   * Returns an array of at least `byteLength` bytes (its length is the size class), reused when
   * an idle one of that class exists, freshly allocated otherwise. Its content is unspecified.
   *
   * @throws {RangeError} If `byteLength` is not a non-negative safe integer.
   */
  acquire(byteLength: number): Uint8Array {
    if (!Number.isSafeInteger(byteLength) || byteLength < 0) {
      throw new RangeError(
        `Cannot acquire buffer of "${byteLength}" bytes: byteLength must be a non-negative integer`,
      );
    }
    const size = sizeClassAbove(byteLength);
    const array = this.#byClass.get(size)?.pop();
    if (array === undefined) return this.#allocate(size);
    this.#idle.delete(array);
    this.#idleBytes -= array.byteLength;
    return array;
  }

  /**
   * Hands `array` back for reuse; the caller must not touch it afterwards. Arrays from elsewhere
   * are accepted too and filed under the largest class they cover. Ignored: arrays under 4 KiB,
   * views into a larger buffer, detached (transferred) buffers, arrays larger than the cap, and
   * an array that is already idle.
   */
  release(array: Uint8Array): void {
    const bytes = array.byteLength;
    const owned = array.byteOffset === 0 && bytes === array.buffer.byteLength;
    if (!owned || bytes < MIN_CLASS_BYTES || bytes > this.#maxIdleBytes) return;
    if (this.#idle.has(array)) return;
    while (this.#idleBytes + bytes > this.#maxIdleBytes) this.#evictOldest();
    const size = sizeClassBelow(bytes);
    const stack = this.#byClass.get(size);
    if (stack === undefined) this.#byClass.set(size, [array]);
    else stack.push(array);
    this.#idle.add(array);
    this.#idleBytes += bytes;
  }

  #evictOldest(): void {
    const [oldest] = this.#idle;
    const stack = this.#byClass.get(sizeClassBelow(oldest.byteLength))!;
    stack.splice(stack.indexOf(oldest), 1);
    this.#idle.delete(oldest);
    this.#idleBytes -= oldest.byteLength;
  }
}

/** The quarter-octave step of the class range holding `bytes` (≥ the minimum class). */
function classStep(bytes: number): number {
  let octave = 2 ** Math.floor(Math.log2(bytes));
  if (octave > bytes) octave /= 2; // guards against log2 rounding up near a power of two
  return octave / STEPS_PER_OCTAVE;
}

/**
 * The smallest size class ≥ `bytes`: 4 KiB, then 1, 1.25, 1.5 and 1.75 × each power of two. The
 * GPU backend pools device buffers by the same classes.
 */
export function sizeClassAbove(bytes: number): number {
  if (bytes <= MIN_CLASS_BYTES) return MIN_CLASS_BYTES;
  const step = classStep(bytes);
  return Math.ceil(bytes / step) * step;
}

/** The largest size class ≤ `bytes` (`bytes` ≥ the minimum class). */
function sizeClassBelow(bytes: number): number {
  const step = classStep(bytes);
  return Math.floor(bytes / step) * step;
}
