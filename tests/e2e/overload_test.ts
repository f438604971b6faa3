import assert from "node:assert/strict";
import type { Raster } from "../../src/ops/mod.ts";
import {
  encodeSource,
  get,
  quadrantRaster,
  type TestServer,
  withServer,
} from "./server_fixture.ts";

interface TimedAnswer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly ms: number;
}

async function timedGet(server: TestServer, path: string): Promise<TimedAnswer> {
  const started = performance.now();
  const { response } = await get(server, path);
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    ms: performance.now() - started,
  };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** Generous: the server, its two workers and the test client share this process. */
const RSS_CAP_BYTES = 1.5 * 1024 ** 3;

Deno.test("200 concurrent distinct derivatives on 2 workers: 200 or a fast 503, bounded memory", async () => {
  const files = { "big.jpg": await encodeSource(quadrantRaster(2400, 1800), "jpg") };
  const config = { image_pool_size: 2, queue_limit: 8 };
  await withServer({ files, config }, async (server) => {
    // Warm the header cache, so what is timed is the queue, not 200 cold probes of one file.
    await get(server, "/iiif/3/test:big.jpg/info.json");
    let peakRss = Deno.memoryUsage().rss;
    const sampler = setInterval(() => peakRss = Math.max(peakRss, Deno.memoryUsage().rss), 10);
    const answers = await Promise.all(
      Array.from(
        { length: 200 },
        (_, i) =>
          timedGet(
            server,
            `/iiif/3/test:big.jpg/full/!${1400 + i},${1400 + i}/${10 + (i % 70)}/default.png`,
          ),
      ),
    ).finally(() => clearInterval(sampler));
    const served = answers.filter((a) => a.status === 200).map((a) => a.ms);
    const refused = answers.filter((a) => a.status === 503);
    assert.equal(served.length + refused.length, 200, `statuses ${answers.map((a) => a.status)}`);
    assert.ok(served.length >= 10 && refused.length > 0, `${served.length} served`);
    assert.ok(refused.every((a) => Number(a.retryAfter) >= 1));
    const refusedP99 = percentile(refused.map((a) => a.ms), 0.99);
    const servedP50 = percentile(served, 0.5);
    assert.ok(2 * refusedP99 < servedP50, `503 p99 ${refusedP99} ms, 200 p50 ${servedP50} ms`);
    assert.ok(peakRss < RSS_CAP_BYTES, `peak RSS ${Math.round(peakRss / 2 ** 20)} MiB`);
    console.log(
      `overload: ${served.length}×200, ${refused.length}×503; 503 p99 ${
        refusedP99.toFixed(0)
      } ms, ` +
        `200 p50 ${servedP50.toFixed(0)} ms, max ${Math.max(...served).toFixed(0)} ms; ` +
        `peak RSS ${Math.round(peakRss / 2 ** 20)} MiB`,
    );
    assert.equal(server.server.deps.pool.stats().queued, 0);
    const after = await get(server, "/iiif/3/test:big.jpg/full/!1000,1000/0/default.jpg");
    assert.equal(after.response.status, 200);
  });
});

/** A `size`×`size` raster of noise, which no codec shrinks much: a large response body. */
function noiseRaster(size: number): Raster {
  const data = new Uint8Array(size * size * 4);
  let state = 12345;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    data[i] = (i & 3) === 3 ? 255 : state >>> 24;
  }
  return { width: size, height: size, data };
}

/** Sends a GET on a raw socket and reads only the first chunk of the answer, then stalls. */
async function stalledGet(server: TestServer, path: string): Promise<Deno.TcpConn> {
  const { hostname, port } = new URL(server.url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  await conn.write(new TextEncoder().encode(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`));
  const head = new Uint8Array(1024);
  await conn.read(head);
  assert.match(new TextDecoder().decode(head), /^HTTP\/1\.1 200/);
  return conn;
}

async function readToEnd(conn: Deno.TcpConn): Promise<number> {
  let total = 1024;
  for await (const chunk of conn.readable) total += chunk.byteLength;
  return total;
}

Deno.test("clients that stall reading large bodies do not hold the only worker", async () => {
  const files = {
    "noise.png": await encodeSource(noiseRaster(2000), "png"),
    "quad.jpg": await encodeSource(quadrantRaster(800, 600), "jpg"),
  };
  const config = { image_pool_size: 1, derivative_cache_max_bytes: 0 };
  await withServer({ files, config }, async (server) => {
    const stalled = await Promise.all(
      [0, 90].map((rotation) =>
        stalledGet(server, `/iiif/3/test:noise.png/full/max/${rotation}/default.png`)
      ),
    );
    assert.equal(server.server.deps.pool.stats().busy, 0);
    for (let i = 0; i < 4; i++) {
      const path = `/iiif/3/test:quad.jpg/full/${200 + i},/0/default.jpg`;
      const { response } = await get(server, path, { signal: AbortSignal.timeout(5_000) });
      assert.equal(response.status, 200);
    }
    // Only now are the large bodies read, complete.
    for (const conn of stalled) conn.closeWrite();
    const sizes = await Promise.all(stalled.map(readToEnd));
    assert.ok(sizes.every((size) => size > 8 * 2 ** 20), `bodies of ${sizes} bytes`);
  });
});
