import assert from "node:assert/strict";
import { cacheKey, DiskDerivativeCache } from "../../src/cache/mod.ts";
import { type FakeApp, fakeApp } from "./_fake_app.ts";

const TOKEN_ENV = "TESSERA_TEST_CACHE_ROUTE_TOKEN";
const TOKEN = "s3cret-token";

/** A fake app whose derivative cache holds two entries of `test:quad.jpg` and one of another. */
async function withCachedApp(test: (app: FakeApp, cacheDir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "tessera_cache_route_" });
  const cacheDir = `${dir}/derivatives`;
  const cache = await DiskDerivativeCache.open(cacheDir, 1 << 20);
  const bytes = new Uint8Array(8).fill(1);
  await cache.put(cacheKey("a"), { identifier: "test:quad.jpg", bytes });
  await cache.put(cacheKey("b"), { identifier: "test:quad.jpg", bytes });
  await cache.put(cacheKey("c"), { identifier: "test:other.jpg", bytes });
  try {
    await test(fakeApp({ config: { cache_path: dir, admin_token_env: TOKEN_ENV } }), cacheDir);
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
