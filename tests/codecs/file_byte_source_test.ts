import assert from "node:assert/strict";
import { CorruptSourceError } from "../../src/codecs/errors.ts";
import { fileByteSource } from "../../src/codecs/mod.ts";

const BYTES = Uint8Array.from({ length: 100_000 }, (_, index) => (index * 7 + (index >> 8)) & 255);

async function withFile(test: (file: Deno.FsFile) => Promise<void>): Promise<void> {
  const path = await Deno.makeTempFile({ prefix: "tessera_byte_source_" });
  try {
    await Deno.writeFile(path, BYTES);
    using file = await Deno.open(path);
    await test(file);
  } finally {
    await Deno.remove(path);
  }
}

Deno.test("fileByteSource() reads ranges, also when many are asked at once", async () => {
  await withFile(async (file) => {
    const source = fileByteSource(file, BYTES.length);
    assert.equal(source.size, BYTES.length);
    const ranges = Array.from(
      { length: 40 },
      (_, index) => [(index * 2477) % 90_000, 300 + index * 211],
    );
    const reads = await Promise.all(ranges.map(([offset, length]) => source.read(offset, length)));
    reads.forEach((bytes, index) => {
      const [offset, length] = ranges[index];
      assert.deepEqual(bytes, BYTES.subarray(offset, offset + length), `range ${index}`);
    });
    assert.deepEqual(await source.read(BYTES.length - 3, 3), BYTES.subarray(-3));
    assert.equal((await source.read(BYTES.length, 0)).length, 0);
  });
});

Deno.test("fileByteSource() rejects reads past its size with CorruptSourceError", async () => {
  await withFile(async (file) => {
    const source = fileByteSource(file, BYTES.length);
    await assert.rejects(source.read(BYTES.length - 10, 11), CorruptSourceError);
    await assert.rejects(source.read(-1, 4), CorruptSourceError);
    // A file that shrank since its size was taken.
    const stale = fileByteSource(file, BYTES.length + 500);
    await assert.rejects(stale.read(BYTES.length - 10, 100), /the file ends at 100000/);
    // A failed read leaves the queue working.
    assert.deepEqual(await stale.read(5, 5), BYTES.subarray(5, 10));
  });
});

Deno.test("fileByteSource() reads into a buffer it is given, when its length fits", async () => {
  await withFile(async (file) => {
    const source = fileByteSource(file, BYTES.length);
    const target = new Uint8Array(1000).fill(9);
    const into = target.subarray(200, 700);
    const read = await source.read(4096, 500, into);
    assert.equal(read, into);
    assert.deepEqual(into, BYTES.subarray(4096, 4596));
    assert.deepEqual([target[199], target[700]], [9, 9], "nothing written around it");
    // Another length: a buffer of its own, the given one untouched.
    const other = new Uint8Array(10);
    const own = await source.read(0, 20, other);
    assert.notEqual(own, other);
    assert.deepEqual(own, BYTES.subarray(0, 20));
    assert.deepEqual(other, new Uint8Array(10));
  });
});
