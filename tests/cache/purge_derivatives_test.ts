import assert from "node:assert/strict";
import { parseRedisUrl } from "../../src/cache/_redis_address.ts";
import {
  cacheKey,
  purgeDerivatives,
  RedisDerivativeCache,
  SharedCacheUnavailableError,
} from "../../src/cache/mod.ts";
import { parseConfig } from "../../src/config/mod.ts";
import { withRedisServer } from "./_redis_server.ts";

function redisConfig(url: string, cachePath: string) {
  return parseConfig({
    cache_path: cachePath,
    default_profile: "photos",
    derivative_cache: { type: "redis", url, timeout_ms: 300 },
    profiles: { photos: { type: "disk" } },
  }, { file: "(test)", baseDir: "/" });
}

Deno.test("purgeDerivatives() with a redis cache removes the image's entries from Redis", async () => {
  const cachePath = await Deno.makeTempDir({ prefix: "tessera-purge-" });
  try {
    await withRedisServer(async (redis) => {
      const config = redisConfig(redis.url, cachePath);
      const cache = new RedisDerivativeCache({
        address: parseRedisUrl(redis.url)!,
        maxBytes: 1 << 20,
        ttlSeconds: 60,
        keyPrefix: config.derivative_cache.key_prefix,
        timeoutMs: 300,
      });
      try {
        const bytes = new Uint8Array([1, 2, 3]);
        await cache.put(cacheKey("a"), { identifier: "photos:cat.jpg", bytes });
        await cache.put(cacheKey("b"), { identifier: "photos:cat.jpg", bytes });
        await cache.put(cacheKey("c"), { identifier: "photos:dog.jpg", bytes });
        // A short name is the default profile's, as in URLs.
        assert.equal(await purgeDerivatives(config, "cat.jpg"), 2);
        assert.equal(await cache.get(cacheKey("a"), "photos:cat.jpg"), undefined);
        assert.ok(await cache.get(cacheKey("c"), "photos:dog.jpg"));
      } finally {
        cache.close();
      }
      await redis.kill();
      await assert.rejects(purgeDerivatives(config, "dog.jpg"), SharedCacheUnavailableError);
    });
  } finally {
    await Deno.remove(cachePath, { recursive: true });
  }
});
