/**
 * At most `max_http_fetches` downloads at once, shared by every remote profile; the others wait
 * in arrival order. Waiting does not count against a download's `timeout_ms`.
 */
export class FetchLimiter {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  /**
   * @param slots Downloads allowed at once.
   * @throws {RangeError} If `slots` is not a positive integer.
   */
  constructor(slots: number) {
    if (!Number.isSafeInteger(slots) || slots < 1) {
      throw new RangeError(`Cannot limit downloads to "${slots}" at once`);
    }
    this.#free = slots;
  }

  /**
   * Runs `task` once a slot is free, and frees the slot when it settles.
   *
   * @returns What `task` returns.
   * @throws Whatever `task` throws.
   */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so a newcomer cannot take it first.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
