import assert from "node:assert/strict";
import {
  cacheKey,
  type DerivativeCache,
  DiskDerivativeCache,
  parseRedisUrl,
  RedisDerivativeCache,
} from "../../src/cache/mod.ts";
import { withRedisServer } from "../cache/_redis_server.ts";
import { type FakeApp, fakeApp } from "./_fake_app.ts";

const TOKEN_ENV = "TESSERA_TEST_CACHE_ROUTE_TOKEN";
const TOKEN = "s3cret-token";

/**
 * A fake app whose disk folder holds two entries of `test:quad.jpg` and one of another; `options`
 * adds to its configuration and names the cache its renderer purges (the disk folder by default).
 */
async function withCachedApp(
  test: (app: FakeApp, cacheDir: string) => Promise<void>,
  options: { config?: Record<string, unknown>; cache?: Pick<DerivativeCache, "purge"> } = {},
) {
  const dir = await Deno.makeTempDir({ prefix: "tessera_cache_route_" });
  const cacheDir = `${dir}/derivatives`;
  const cache = await DiskDerivativeCache.open(cacheDir, 1 << 20);
  const bytes = new Uint8Array(8).fill(1);
  await cache.put(cacheKey("a"), { identifier: "test:quad.jpg", bytes });
  await cache.put(cacheKey("b"), { identifier: "test:quad.jpg", bytes });
  await cache.put(cacheKey("c"), { identifier: "test:other.jpg", bytes });
  try {
    const config = { cache_path: dir, admin_token_env: TOKEN_ENV, ...options.config };
    await test(fakeApp({ config, cache: options.cache }), cacheDir);
  } finally {
    Deno.env.delete(TOKEN_ENV);
    await Deno.remove(dir, { recursive: true });
  }
}

function purge(app: FakeApp, authorization?: string): Promise<Response> {
  const headers = authorization === undefined ? undefined : { authorization };
  return app.request("/cache/quad.jpg", { method: "DELETE", headers });
}

Deno.test("DELETE /cache/{identifier} with the token purges and answers the count", async () => {
  await withCachedApp(async (app, cacheDir) => {
    Deno.env.set(TOKEN_ENV, TOKEN);
    const response = await purge(app, `Bearer ${TOKEN}`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { purged: 2 });
    const again = await purge(app, `bearer ${TOKEN}`);
    assert.deepEqual(await again.json(), { purged: 0 });
    assert.deepEqual(app.purged, ["test:quad.jpg", "test:quad.jpg"], "through the renderer");
    const reopened = await DiskDerivativeCache.open(cacheDir, 1 << 20);
    assert.equal(reopened.stats().entries, 1);
  });
});

Deno.test("DELETE /cache/{identifier} with a redis cache purges Redis and the disk folder, as tessera purge does", async () => {
  await withRedisServer(async (redis) => {
    const shared = new RedisDerivativeCache({
      address: parseRedisUrl(redis.url)!,
      maxBytes: 1 << 20,
      ttlSeconds: 60,
      keyPrefix: "tessera:",
      timeoutMs: 1000,
    });
    try {
      const bytes = new Uint8Array(8).fill(1);
      await shared.put(cacheKey("r"), { identifier: "test:quad.jpg", bytes });
      await shared.put(cacheKey("s"), { identifier: "test:other.jpg", bytes });
      const config = { derivative_cache: { type: "redis", url: redis.url } };
      await withCachedApp(async (app, cacheDir) => {
        Deno.env.set(TOKEN_ENV, TOKEN);
        const response = await purge(app, `Bearer ${TOKEN}`);
        assert.deepEqual(await response.json(), { purged: 3 }, "one in Redis, two on disk");
        assert.equal(await shared.get(cacheKey("r"), "test:quad.jpg"), undefined);
        assert.ok(await shared.get(cacheKey("s"), "test:other.jpg"));
        const reopened = await DiskDerivativeCache.open(cacheDir, 1 << 20);
        assert.equal(reopened.stats().entries, 1, "entries from before the switch to Redis");
      }, { config, cache: shared });
    } finally {
      shared.close();
    }
  });
});

Deno.test("DELETE /cache/{identifier} with the disk cache disabled clears what it left on disk", async () => {
  // A disabled disk cache purges nothing itself: it never looks at the folder.
  const disabled = { purge: () => Promise.resolve(0) };
  const config = { derivative_cache_max_bytes: 0 };
  await withCachedApp(async (app, cacheDir) => {
    Deno.env.set(TOKEN_ENV, TOKEN);
    const response = await purge(app, `Bearer ${TOKEN}`);
    assert.deepEqual(await response.json(), { purged: 2 });
    const reopened = await DiskDerivativeCache.open(cacheDir, 1 << 20);
    assert.equal(reopened.stats().entries, 1);
  }, { config, cache: disabled });
});

Deno.test("DELETE /cache/{identifier} without a valid token is 401 and purges nothing", async () => {
  await withCachedApp(async (app, cacheDir) => {
    Deno.env.set(TOKEN_ENV, TOKEN);
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, "Bearer "]) {
      const response = await purge(app, authorization);
      assert.equal(response.status, 401, authorization);
      assert.match(response.headers.get("www-authenticate")!, /^Bearer/);
      await response.body?.cancel();
    }
    const reopened = await DiskDerivativeCache.open(cacheDir, 1 << 20);
    assert.equal(reopened.stats().entries, 3);
  });
});

Deno.test("DELETE /cache/{identifier} is 404 while the token variable is unset", async () => {
  await withCachedApp(async (app) => {
    const response = await purge(app, `Bearer ${TOKEN}`);
    assert.equal(response.status, 404);
    await response.body?.cancel();
  });
});

Deno.test("GET /cache/{identifier} is 405 and other routes still refuse DELETE", async () => {
  await withCachedApp(async (app) => {
    Deno.env.set(TOKEN_ENV, TOKEN);
    const get = await app.request("/cache/quad.jpg");
    assert.equal(get.status, 405);
    assert.equal(get.headers.get("allow"), "DELETE");
    await get.body?.cancel();
    const info = await app.request("/iiif/3/quad.jpg/info.json", { method: "DELETE" });
    assert.equal(info.status, 405);
    await info.body?.cancel();
  });
});
