import assert from "node:assert/strict";
import { crc32 } from "node:zlib";
import {
  encodeSource,
  get,
  quadrantRaster,
  type TestServer,
  withServer,
} from "./server_fixture.ts";

/** A PNG of a signature, an IHDR claiming `width`×`height` RGB, one tiny IDAT and IEND. */
function pngClaiming(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  // A zlib stream holding nothing: the data ends long before the claimed pixels.
  const idat = new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
  return concat([
    new Uint8Array(signature),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", idat),
    pngChunk("IEND", new Uint8Array()),
  ]);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typed = concat([new TextEncoder().encode(type), data]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(typed, 4);
  view.setUint32(8 + data.length, crc32(typed));
  return chunk;
}

/** A baseline JPEG header (SOI, SOF0 with three components) claiming `width`×`height`, then EOI. */
function jpegClaiming(width: number, height: number): Uint8Array {
  const sof = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  const components = [1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...sof, ...components, 0xff, 0xd9]);
}

/**
 * A classic little-endian 8-bit gray TIFF whose IFD claims `width`×`height` in strips of 1000
 * rows, every strip pointing at the same 16 bytes of data.
 */
function tiffClaiming(width: number, height: number): Uint8Array {
  const strips = Math.ceil(height / 1000);
  const ifdBytes = 2 + 9 * 12 + 4;
  const offsetsAt = 8 + ifdBytes;
  const countsAt = offsetsAt + 4 * strips;
  const dataAt = countsAt + 4 * strips;
  // [tag, type (3 SHORT, 4 LONG), values], in ascending tag order as TIFF requires.
  const entries: Array<[number, number, number[]]> = [
    [256, 4, [width]],
    [257, 4, [height]],
    [258, 3, [8]],
    [259, 3, [1]],
    [262, 3, [1]],
    [273, 4, Array(strips).fill(dataAt)],
    [277, 3, [1]],
    [278, 4, [1000]],
    [279, 4, Array(strips).fill(16)],
  ];
  const bytes = new Uint8Array(dataAt + 16);
  const view = new DataView(bytes.buffer);
  bytes.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, 8, true);
  view.setUint16(8, entries.length, true);
  let arrayAt = offsetsAt;
  entries.forEach(([tag, type, values], index) => {
    const at = 10 + index * 12;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, values.length, true);
    if (values.length > 1) {
      view.setUint32(at + 8, arrayAt, true);
      values.forEach((value, i) => view.setUint32(arrayAt + 4 * i, value, true));
      arrayAt += 4 * values.length;
    } else if (type === 3) view.setUint16(at + 8, values[0], true);
    else view.setUint32(at + 8, values[0], true);
  });
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

/** The refusal of `path`: status, body and how long it took. */
async function refusal(t: TestServer, path: string) {
  const started = performance.now();
  const { response, body } = await get(t, path);
  const ms = performance.now() - started;
  return { status: response.status, text: new TextDecoder().decode(body), ms };
}

Deno.test("server refuses sources whose header claims too many pixels, before decoding", async () => {
  const files = {
    "huge.png": pngClaiming(100_000, 100_000),
    "huge.jpg": jpegClaiming(65_000, 65_000),
    "huge.tif": tiffClaiming(200_000, 200_000),
    "padded.png": concat([pngClaiming(10, 10), new Uint8Array(4096)]),
  };
  const padded = files["padded.png"].length;
  await withServer({ files, config: { max_source_bytes: 4096 } }, async (t) => {
    const rssBefore = Deno.memoryUsage().rss;
    const cases: Array<[string, RegExp]> = [
      ["huge.png", /is 100000×100000 \(10000000000 pixels\), .* max_decoded_pixels 250000000/],
      ["huge.jpg", /is 65000×65000 \(4225000000 pixels\), .* max_decoded_pixels 250000000/],
      ["huge.tif", /is 200000×200000 \(40000000000 pixels\), .* max_source_pixels 17179869184/],
      [
        "padded.png",
        new RegExp(`is ${padded} bytes, more than this server's max_source_bytes 4096`),
      ],
    ];
    for (const [name, message] of cases) {
      for (const path of [`/iiif/3/${name}/info.json`, `/iiif/3/${name}/full/max/0/default.jpg`]) {
        const { status, text, ms } = await refusal(t, path);
        assert.equal(status, 422, `${path}: ${text}`);
        assert.match(text, message);
        assert.ok(ms < 1000, `${path} took ${ms} ms`);
      }
    }
    const grownMb = (Deno.memoryUsage().rss - rssBefore) / 2 ** 20;
    assert.ok(grownMb < 64, `RSS grew by ${grownMb.toFixed(1)} MB`);
    assert.equal(t.server.deps.pool.stats().jobs, 0);
  });
});

Deno.test("server answers 503 with Retry-After to a job past job_timeout_ms and replaces its worker", async () => {
  const files = { "big.png": await encodeSource(quadrantRaster(1500, 1500), "png") };
  await withServer({ files, config: { job_timeout_ms: 5 } }, async (t) => {
    const pool = t.server.deps.pool;
    // The warm-up's jobs may have timed out too: count from a full pool.
    while (pool.stats().backends.length < 2) await new Promise((done) => setTimeout(done, 5));
    const restarts = pool.stats().restarts;
    const { response, body } = await get(t, "/iiif/3/big.png/full/max/33/default.png");
    assert.equal(response.status, 503);
    assert.equal(response.headers.get("retry-after"), "1");
    assert.match(new TextDecoder().decode(body), /ran longer than 5 ms \(job_timeout_ms\)/);
    assert.equal(pool.stats().restarts, restarts + 1);
    while (pool.stats().backends.length < 2) await new Promise((done) => setTimeout(done, 5));
    assert.equal(t.logs.at(-1)!.status, 503);
  });
});
