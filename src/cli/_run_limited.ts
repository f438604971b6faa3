/**
 * Runs `task` on every item with at most `limit` running at once, and returns the results in
 * item order. A task that throws rejects the whole run (tasks are expected to catch their own).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runLimited } from "./_run_limited.ts";
 *
 * assert.deepEqual(await runLimited([1, 2, 3], 2, (n) => Promise.resolve(n * 10)), [10, 20, 30]);
 * ```
 *
 * @param items What to work on.
 * @param limit How many tasks may run at the same time (at least 1).
 * @param task The work for one item.
 * @returns Each item's result, in the order of `items`.
 */
export async function runLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function lane(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  }
  const lanes = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
