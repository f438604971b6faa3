import assert from "node:assert/strict";
import { CorruptSourceError, UnsupportedSourceError } from "../../src/codecs/mod.ts";
import { probeFile } from "../../src/sources/probe_file.ts";
import { encodeFixture, withTempDir } from "./_fixtures.ts";
import { concat } from "../codecs/_images.ts";

/** An APP15 segment of the largest size a segment can have (65,535 bytes after the marker). */
function bigAppSegment(): Uint8Array {
  const segment = new Uint8Array(2 + 0xffff).fill(0x41);
  segment.set([0xff, 0xef, 0xff, 0xff]);
  return segment;
}

/** `jpeg` with `count` big APP segments inserted after its SOI marker. */
function withAppSegments(jpeg: Uint8Array, count: number): Uint8Array {
  const segments = Array.from({ length: count }, bigAppSegment);
  return concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

Deno.test("probeFile() reads a small PNG's size", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/x.png`, await encodeFixture(5, 3));
    const probed = await probeFile({ path: `${dir}/x.png` });
    assert.deepEqual([probed.format, probed.width, probed.height], ["png", 5, 3]);
  });
});

/** Runs `body`, counting the bytes it reads through `Deno.FsFile` (synchronously, as it does). */
async function countReads<T>(body: () => Promise<T>): Promise<{ result: T; bytes: number }> {
  const original = Deno.FsFile.prototype.readSync;
  let bytes = 0;
  Deno.FsFile.prototype.readSync = function (this: Deno.FsFile, buffer: Uint8Array) {
    const read = original.call(this, buffer);
    bytes += read ?? 0;
    return read;
  };
  try {
    return { result: await body(), bytes };
  } finally {
    Deno.FsFile.prototype.readSync = original;
  }
}

Deno.test("probeFile() doubles its reads until a JPEG's frame header, beyond 64 KiB", async () => {
  await withTempDir(async (dir) => {
    const jpeg = await encodeFixture(40, 24, "jpg");
    const trailer = new Uint8Array(1024 * 1024); // never read: the header ends well before
    for (const [count, expectedKiB] of [[0, 64], [1, 128], [2, 256], [3, 256]]) {
      await Deno.writeFile(`${dir}/x.jpg`, withAppSegments(jpeg, count));
      await Deno.writeFile(`${dir}/x.jpg`, trailer, { append: true });
      const { result, bytes } = await countReads(() => probeFile({ path: `${dir}/x.jpg` }));
      assert.deepEqual([result.format, result.width, result.height], ["jpeg", 40, 24]);
      assert.equal(bytes, expectedKiB * 1024, `${count} segments`);
    }
  });
});

Deno.test("probeFile() throws CorruptSourceError for a file ending inside its header", async () => {
  await withTempDir(async (dir) => {
    const jpeg = withAppSegments(await encodeFixture(40, 24, "jpg"), 2);
    const png = await encodeFixture(5, 3);
    const truncated = [jpeg.subarray(0, 100_000), jpeg.subarray(0, 1000), png.subarray(0, 20)];
    for (const [index, bytes] of [...truncated, new Uint8Array(0)].entries()) {
      await Deno.writeFile(`${dir}/x`, bytes);
      await assert.rejects(probeFile({ path: `${dir}/x` }), CorruptSourceError, `case ${index}`);
    }
  });
});

Deno.test("probeFile() throws UnsupportedSourceError for a text file", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/x.jpg`, "Not an image at all, just some words.\n");
    await assert.rejects(probeFile({ path: `${dir}/x.jpg` }), UnsupportedSourceError);
  });
});

Deno.test("probeFile() throws Deno.errors.NotFound for a missing file", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(probeFile({ path: `${dir}/missing.jpg` }), Deno.errors.NotFound);
  });
});
