/**
 * A small seeded pseudo-random generator (mulberry32), so every hostile input a test makes can be
 * made again from the seed its failure message prints.
 *
 * @module
 */

/** Deterministic random choices from a 32-bit seed. */
export class SeededRandom {
  #state: number;

  /** @param seed Any 32-bit integer; the same seed gives the same sequence. */
  constructor(readonly seed: number) {
    this.#state = seed >>> 0;
  }

  /** The next number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }

  /** An integer in [0, `below`). */
  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  /** An integer in [`low`, `high`]. */
  between(low: number, high: number): number {
    return low + this.int(high - low + 1);
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}
