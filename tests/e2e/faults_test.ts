import assert from "node:assert/strict";
import {
  encodeSource,
  get,
  quadrantRaster,
  type TestServer,
  withServer,
} from "./server_fixture.ts";

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("Condition not met within 5 s");
}

async function assertServesOthers(server: TestServer): Promise<void> {
  const { response } = await get(server, "/iiif/3/test:other.jpg/full/120,/0/default.jpg");
  assert.equal(response.status, 200);
  assert.equal(server.server.deps.pool.stats().restarts, 0);
}

Deno.test("a source deleted between info.json and the image request is a 404 for it alone", async () => {
  const files = {
    "gone.jpg": await encodeSource(quadrantRaster(400, 300), "jpg"),
    "other.jpg": await encodeSource(quadrantRaster(300, 200), "jpg"),
  };
  await withServer({ files }, async (server) => {
    const info = await get(server, "/iiif/3/test:gone.jpg/info.json");
    assert.equal(info.response.status, 200);
    await Deno.remove(`${server.sourceDir}/gone.jpg`);
    const image = await get(server, "/iiif/3/test:gone.jpg/full/200,/0/default.jpg");
    assert.equal(image.response.status, 404, new TextDecoder().decode(image.body));
    await assertServesOthers(server);
  });
});

Deno.test("a source deleted while its job waits for a worker is a 404 for that request alone", async () => {
  const files = {
    "big.jpg": await encodeSource(quadrantRaster(1600, 1200), "jpg"),
    "gone.jpg": await encodeSource(quadrantRaster(400, 300), "jpg"),
    "other.jpg": await encodeSource(quadrantRaster(300, 200), "jpg"),
  };
  const config = { image_pool_size: 1, derivative_cache_max_bytes: 0 };
  await withServer({ files, config }, async (server) => {
    const pool = server.server.deps.pool;
    const slow = get(server, "/iiif/3/test:big.jpg/full/^3000,/33/default.png");
    await waitFor(() => pool.stats().busy === 1);
    const queued = get(server, "/iiif/3/test:gone.jpg/full/200,/0/default.jpg");
    await waitFor(() => pool.stats().queued === 1);
    await Deno.remove(`${server.sourceDir}/gone.jpg`);
    const { response, body } = await queued;
    // The worker names the vanished source by identifier, never by its path.
    const message = new TextDecoder().decode(body);
    assert.equal(response.status, 404, message);
    assert.match(message, /test:gone\.jpg/);
    assert.doesNotMatch(message, new RegExp(server.sourceDir));
    assert.equal((await slow).response.status, 200);
    await assertServesOthers(server);
  });
});
