import assert from "node:assert/strict";
import { QueueFullError } from "../../workers/mod.ts";
import { FAKE_CACHE_STATS, fakeApp } from "./_fake_app.ts";

const EMPTY_CACHE = { ...FAKE_CACHE_STATS, entries: 0, bytes: 0 };

function fullPool(): void {
  throw new QueueFullError(8, 3);
}

/** The image routes, each for an identifier the fake sources do not have (404 once resolved). */
const UNKNOWN_IMAGES = [
  "/iiif/3/test:nope.jpg/full/max/0/default.jpg",
  "/iiif/2/test:nope.jpg/full/full/0/default.jpg",
  "/test:nope.jpg/thumbnail",
  "/dzi/test:nope.jpg_files/0/0_0.jpg",
];

Deno.test("refuseWhenBusy() answers 503 before resolving while the queue is full and the cache empty", async () => {
  const app = fakeApp({ throwIfFull: fullPool, cacheStats: EMPTY_CACHE });
  for (const path of UNKNOWN_IMAGES) {
    const response = await app.request(path);
    await response.body?.cancel();
    assert.equal(response.status, 503, path);
    assert.equal(response.headers.get("retry-after"), "3", path);
  }
  assert.deepEqual(app.rendered, []);
});

Deno.test("refuseWhenBusy() lets a request through when the cache may answer it", async () => {
  const app = fakeApp({ throwIfFull: fullPool });
  const response = await app.request("/iiif/3/test:quad.jpg/full/max/0/default.jpg");
  assert.equal(response.status, 200);
  assert.equal(await response.text(), "full/max/0/default.jpg");
});

Deno.test("refuseWhenBusy() lets a conditional request through, which may need no job", async () => {
  const app = fakeApp({ throwIfFull: fullPool, cacheStats: EMPTY_CACHE });
  for (const header of ["if-none-match", "if-modified-since"]) {
    const value = header === "if-none-match" ? '"other"' : "Sat, 01 Jan 2000 00:00:00 GMT";
    const response = await app.request("/iiif/3/test:quad.jpg/full/max/0/default.jpg", {
      headers: { [header]: value },
    });
    await response.body?.cancel();
    assert.equal(response.status, 200, header);
  }
});

Deno.test("refuseWhenBusy() refuses nothing while the pool has room", async () => {
  const app = fakeApp({ cacheStats: EMPTY_CACHE });
  const response = await app.request("/iiif/3/test:nope.jpg/full/max/0/default.jpg");
  await response.body?.cancel();
  assert.equal(response.status, 404);
});
