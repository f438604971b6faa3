import assert from "node:assert/strict";
import { CorruptSourceError, encodeImage, type SourceFormat } from "../../src/codecs/mod.ts";
import { BufferPool } from "../../src/ops/mod.ts";
import { DecodedSourceCache } from "../../workers/decoded_source_cache.ts";
import type { JobSource } from "../../workers/protocol.ts";

/** Bytes of a decoded 64×64 RGBA source (a whole buffer-pool size class). */
const RASTER_BYTES = 64 * 64 * 4;

async function writeSource(dir: string, name: string, format: "png" | "jpg"): Promise<JobSource> {
  const raster = { width: 64, height: 64, data: new Uint8Array(RASTER_BYTES).fill(90) };
  const options = { format, quality: "default", jpegQuality: 90, subsampling: "420" } as const;
  const path = `${dir}/${name}`;
  await Deno.writeFile(path, await encodeImage(raster, options));
  const { mtime, size } = await Deno.stat(path);
  const sourceFormat: SourceFormat = format === "jpg" ? "jpeg" : "png";
  return { path, format: sourceFormat, mtimeMs: mtime!.getTime(), size };
}

async function withSources(
  body: (a: JobSource, b: JobSource, dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tessera-lru-" });
  try {
    await body(await writeSource(dir, "a.png", "png"), await writeSource(dir, "b.png", "png"), dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("DecodedSourceCache.lease() serves a repeated source from the LRU", async () => {
  await withSources(async (a) => {
    const cache = new DecodedSourceCache(new BufferPool(), 10 * RASTER_BYTES);
    const first = await cache.lease(a, 1);
    first.done();
    const second = await cache.lease(a, 1);
    second.done();
    assert.deepEqual([first.cached, second.cached], [false, true]);
    assert.equal(second.raster, first.raster);
    assert.equal(second.decodeMs, 0);
    assert.equal((await cache.lease({ ...a, mtimeMs: a.mtimeMs + 1 }, 1)).cached, false);
  });
});

Deno.test("DecodedSourceCache.lease() returns a raster larger than the LRU to the pool after the job", async () => {
  await withSources(async (a) => {
    const pool = new BufferPool();
    const cache = new DecodedSourceCache(pool, RASTER_BYTES / 2);
    const lease = await cache.lease(a, 1);
    assert.equal(lease.raster.width, 64);
    assert.equal(pool.idleBytes, 0);
    lease.done();
    assert.equal(pool.idleBytes, RASTER_BYTES);
    assert.equal((await cache.lease(a, 1)).cached, false);
    assert.equal(pool.idleBytes, 0, "the next decode reuses the returned buffer");
  });
});

Deno.test("DecodedSourceCache.lease() gives an evicted raster back to the pool", async () => {
  await withSources(async (a, b) => {
    const pool = new BufferPool();
    const cache = new DecodedSourceCache(pool, RASTER_BYTES + RASTER_BYTES / 2);
    (await cache.lease(a, 1)).done();
    assert.equal(pool.idleBytes, 0);
    (await cache.lease(b, 1)).done();
    assert.equal(pool.idleBytes, RASTER_BYTES);
    assert.equal((await cache.lease(b, 1)).cached, true);
    assert.equal((await cache.lease(a, 1)).cached, false);
  });
});

Deno.test("DecodedSourceCache.lease() returns the buffer of a decode that fails", async () => {
  await withSources(async (_a, _b, dir) => {
    const pool = new (class extends BufferPool {
      outstanding = 0;
      acquired = 0;
      override acquire(byteLength: number): Uint8Array {
        this.outstanding++;
        this.acquired++;
        return super.acquire(byteLength);
      }
      override release(array: Uint8Array): void {
        this.outstanding--;
        super.release(array);
      }
    })();
    const jpeg = await writeSource(dir, "cut.jpg", "jpg");
    // Without its end marker libjpeg-turbo fails only after the target buffer was taken.
    const bytes = await Deno.readFile(jpeg.path);
    await Deno.writeFile(jpeg.path, bytes.subarray(0, bytes.length - 2));
    const cache = new DecodedSourceCache(pool, 10 * RASTER_BYTES);
    await assert.rejects(cache.lease({ ...jpeg, size: bytes.length - 2 }, 1), CorruptSourceError);
    assert.ok(pool.acquired > 0, "the decode took a pooled buffer before it failed");
    assert.equal(pool.outstanding, 0);
  });
});
