import assert from "node:assert/strict";
import { cacheKey, type DerivativeCache } from "../../src/cache/mod.ts";

/** Opens a cache bounded by `maxBytes`, runs `body` with it, then closes and removes it. */
export type WithCache = (
  maxBytes: number,
  body: (cache: DerivativeCache) => Promise<void>,
) => Promise<void>;

const ID = "photos:cat.jpg";
const OTHER_ID = "photos:dog.jpg";

/** Every byte value, CR and LF included, so a text-minded store would garble it. */
export function bytesOf(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);
}

/**
 * What every {@linkcode DerivativeCache} must do, whatever it keeps entries in: the disk and
 * Redis test files both run it.
 */
export function runDerivativeCacheSuite(name: string, withCache: WithCache): void {
  Deno.test(`${name}: get() returns the bytes put() stored, and counts hits and misses`, async () => {
    await withCache(1 << 20, async (cache) => {
      const image = bytesOf(100_000, 7);
      await cache.put(cacheKey("tile"), { identifier: ID, bytes: image });
      assert.deepEqual(await cache.get(cacheKey("tile"), ID), image);
      assert.equal(
        await cache.get(cacheKey("tile"), OTHER_ID),
        undefined,
        "the identifier is in the key",
      );
      assert.equal(await cache.get(cacheKey("other tile"), ID), undefined);
      const { entries, bytes, hits, misses } = cache.stats();
      assert.deepEqual({ entries, bytes, hits, misses }, {
        entries: 1,
        bytes: 100_000,
        hits: 1,
        misses: 2,
      });
    });
  });

  Deno.test(`${name}: put() evicts the least recently used entries to stay in bounds`, async () => {
    await withCache(30, async (cache) => {
      for (const key of ["a", "b", "c"]) {
        await cache.put(cacheKey(key), { identifier: ID, bytes: bytesOf(10, key.charCodeAt(0)) });
      }
      assert.ok(await cache.get(cacheKey("a"), ID), "a is used, so b is now the oldest");
      await cache.put(cacheKey("d"), { identifier: ID, bytes: bytesOf(10, 4) });
      assert.equal(await cache.get(cacheKey("b"), ID), undefined);
      for (const key of ["a", "c", "d"]) assert.ok(await cache.get(cacheKey(key), ID), key);
      assert.deepEqual([cache.stats().entries, cache.stats().bytes], [3, 30]);
    });
  });

  Deno.test(`${name}: put() skips empty entries and entries larger than the cache`, async () => {
    await withCache(30, async (cache) => {
      await cache.put(cacheKey("empty"), { identifier: ID, bytes: new Uint8Array(0) });
      await cache.put(cacheKey("big"), { identifier: ID, bytes: bytesOf(31, 1) });
      assert.equal(await cache.get(cacheKey("empty"), ID), undefined);
      assert.equal(await cache.get(cacheKey("big"), ID), undefined);
      assert.deepEqual([cache.stats().entries, cache.stats().bytes], [0, 0]);
    });
  });

  Deno.test(`${name}: purge() removes every entry of one identifier only`, async () => {
    await withCache(1000, async (cache) => {
      await cache.put(cacheKey("a"), { identifier: ID, bytes: bytesOf(10, 1) });
      await cache.put(cacheKey("b"), { identifier: ID, bytes: bytesOf(20, 2) });
      await cache.put(cacheKey("a"), { identifier: OTHER_ID, bytes: bytesOf(5, 3) });
      assert.equal(await cache.purge(ID), 2);
      assert.equal(await cache.purge(ID), 0);
      assert.equal(await cache.get(cacheKey("a"), ID), undefined);
      assert.equal(await cache.get(cacheKey("b"), ID), undefined);
      assert.deepEqual(await cache.get(cacheKey("a"), OTHER_ID), bytesOf(5, 3));
    });
  });
}
