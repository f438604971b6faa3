/**
 * Runs `each` over `items` with at most `lanes` calls in flight, the way a few clients would
 * hammer a server at once.
 *
 * @param items What to work through, in order.
 * @param lanes How many calls may run at once.
 * @param each The work for one item.
 */
export async function inLanes<T>(
  items: readonly T[],
  lanes: number,
  each: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await each(items[next++]);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}
