import assert from "node:assert/strict";
import {
  cacheTiming,
  encodeSource,
  get,
  quadrantRaster,
  type TestServer,
  withServer,
} from "./server_fixture.ts";

Deno.test("a repeated request is served from the derivative cache without a worker job", async () => {
  const files = { "quad.jpg": await encodeSource(quadrantRaster(300, 200), "jpg") };
  await withServer({ files }, async (server) => {
    const path = "/iiif/3/test:quad.jpg/full/150,/0/default.jpg";
    const first = await get(server, path);
    assert.equal(cacheTiming(first.response), "miss");
    const jobs = server.server.deps.pool.stats().jobs;
    const second = await get(server, path);
    assert.equal(cacheTiming(second.response), "hit");
    assert.equal(server.server.deps.pool.stats().jobs, jobs);
    assert.deepEqual(second.body, first.body);
    const entries = [...Deno.readDirSync(`${server.root}/cache/derivatives`)];
    assert.ok(entries.length > 0);
  });
});

Deno.test("concurrent requests for one uncached derivative run one job", async () => {
  const files = { "quad.jpg": await encodeSource(quadrantRaster(800, 600), "jpg") };
  await withServer({ files }, async (server) => {
    const path = "/iiif/3/test:quad.jpg/full/^1600,/45/default.png";
    const answers = await Promise.all(Array.from({ length: 6 }, () => get(server, path)));
    assert.ok(answers.every(({ response }) => response.status === 200));
    assert.equal(server.server.deps.pool.stats().jobs, 1);
  });
});

Deno.test("a full queue answers 503 with Retry-After at once, the rest succeed", async () => {
  const files = { "big.jpg": await encodeSource(quadrantRaster(1600, 1200), "jpg") };
  const config = { image_pool_size: 1, queue_limit: 1, derivative_cache_max_bytes: 0 };
  await withServer({ files, config }, async (server) => {
    const answers = await Promise.all(
      Array.from(
        { length: 8 },
        (_, i) => get(server, `/iiif/3/test:big.jpg/full/^${2000 + i},/${10 + i}/default.png`),
      ),
    );
    const statuses = answers.map(({ response }) => response.status);
    assert.ok(statuses.includes(503), `statuses ${statuses}`);
    assert.ok(statuses.filter((s) => s === 200).length >= 2, `statuses ${statuses}`);
    assert.ok(statuses.every((s) => s === 200 || s === 503), `statuses ${statuses}`);
    for (const { response } of answers.filter(({ response }) => response.status === 503)) {
      assert.ok(Number(response.headers.get("retry-after")) >= 1);
      assert.equal(response.headers.get("access-control-allow-origin"), "*");
    }
  });
});

async function waitForBusyWorker(server: TestServer): Promise<number> {
  for (let i = 0; i < 500; i++) {
    const index = server.server.deps.pool.busyIndex();
    if (index >= 0) return index;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("No worker became busy");
}

Deno.test("a worker killed mid-job costs only that request; it is replaced", async () => {
  const files = { "big.jpg": await encodeSource(quadrantRaster(1600, 1200), "jpg") };
  const config = { image_pool_size: 1, derivative_cache_max_bytes: 0 };
  await withServer({ files, config }, async (server) => {
    const slow = get(server, "/iiif/3/test:big.jpg/full/^5000,/33/default.png");
    const index = await waitForBusyWorker(server);
    server.server.deps.pool.recycle(index, "killed by the test");
    const { response, body } = await slow;
    assert.equal(response.status, 500);
    assert.match(new TextDecoder().decode(body), /worker/i);
    const after = await get(server, "/iiif/3/test:big.jpg/full/100,/0/default.jpg");
    assert.equal(after.response.status, 200);
    assert.equal(server.server.deps.pool.stats().restarts, 1);
    assert.equal(server.server.deps.pool.stats().size, 1);
    assert.ok(server.logs.some((entry) => entry.status === 500 && /killed/.test(entry.error!)));
  });
});

Deno.test("broken and unsupported sources fail alone with a clear status", async () => {
  const jpeg = await encodeSource(quadrantRaster(400, 300), "jpg");
  const files = {
    "good.jpg": jpeg,
    "truncated.jpg": jpeg.slice(0, Math.floor(jpeg.length / 2)),
    "header-only.jpg": jpeg.slice(0, 100),
    "text.jpg": new TextEncoder().encode("this is not an image at all, just some text\n"),
    "empty.png": new Uint8Array(0),
  };
  await withServer({ files }, async (server) => {
    const cases: Array<[string, number]> = [
      ["truncated.jpg/full/max/0/default.jpg", 500],
      ["header-only.jpg/info.json", 500],
      ["text.jpg/info.json", 415],
      ["text.jpg/full/max/0/default.jpg", 415],
      ["empty.png/info.json", 500],
    ];
    for (const [path, status] of cases) {
      const { response, body } = await get(server, `/iiif/3/test:${path}`);
      assert.equal(response.status, status, `${path}: ${new TextDecoder().decode(body)}`);
    }
    const { response } = await get(server, "/iiif/3/test:good.jpg/full/max/0/default.jpg");
    assert.equal(response.status, 200);
    assert.equal(server.server.deps.pool.stats().restarts, 0);
    assert.equal(Deno.readDirSync(`${server.root}/cache/derivatives`).toArray().length, 1);
  });
});

Deno.test("a source replaced on disk is never served stale", async () => {
  const files = { "swap.jpg": await encodeSource(quadrantRaster(100, 80), "jpg") };
  await withServer({ files }, async (server) => {
    const path = "/iiif/3/test:swap.jpg/full/max/0/default.jpg";
    const before = await get(server, path);
    await Deno.writeFile(
      `${server.sourceDir}/swap.jpg`,
      await encodeSource(quadrantRaster(50, 40), "jpg"),
    );
    const info = await get(server, "/iiif/3/test:swap.jpg/info.json");
    assert.equal(JSON.parse(new TextDecoder().decode(info.body)).width, 50);
    const after = await get(server, path);
    assert.notEqual(after.response.headers.get("etag"), before.response.headers.get("etag"));
    assert.equal(cacheTiming(after.response), "miss");
  });
});
