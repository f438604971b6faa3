import assert from "node:assert/strict";
import { SparseBytes } from "../../../src/codecs/jp2/_sparse_bytes.ts";
import { MemorySource } from "./_jp2_fixtures.ts";

const FILE = Uint8Array.from({ length: 100_000 }, (_, index) => index % 251);

Deno.test("SparseBytes.fetch() reads only what is not cached, clipped to the file", async () => {
  const source = new MemorySource(FILE);
  const bytes = new SparseBytes(FILE.length, [{ offset: 1000, bytes: FILE.slice(1000, 9000) }]);
  await bytes.fetch(source, [{ offset: 0, length: 10_000 }]);
  assert.deepEqual([source.reads, source.bytesRead], [2, 2000]);
  await bytes.fetch(source, [{ offset: 500, length: 600 }, { offset: 99_990, length: 50 }]);
  assert.deepEqual([source.reads, source.bytesRead], [3, 2010]);
  assert.deepEqual(bytes.slice(0, 10_000), FILE.slice(0, 10_000));
  assert.deepEqual(bytes.slice(99_990, 10), FILE.slice(99_990));
  assert.equal(bytes.runAt(10_000), undefined);
});

Deno.test("SparseBytes.fetch() joins ranges closer than 4 KiB into one read", async () => {
  const source = new MemorySource(FILE);
  const bytes = new SparseBytes(FILE.length, [{ offset: 1000, bytes: FILE.slice(1000, 1012) }]);
  await bytes.fetch(source, [
    { offset: 3000, length: 100 },
    { offset: 0, length: 12 },
    { offset: 50_000, length: 10 },
  ]);
  assert.equal(source.reads, 2);
  assert.equal(source.bytesRead, 3100 + 10);
  assert.deepEqual(bytes.slice(0, 3100), FILE.slice(0, 3100));
  assert.equal(bytes.runAt(0)!.length, 3100, "the joined read replaces the segment it spans");
});

Deno.test("SparseBytes.slice() spans segments, and clone() keeps its own list", async () => {
  const bytes = new SparseBytes(FILE.length, [
    { offset: 0, bytes: FILE.slice(0, 10) },
    { offset: 10, bytes: FILE.slice(10, 15) },
  ]);
  assert.deepEqual(bytes.runAt(8), FILE.slice(8, 10));
  assert.deepEqual(bytes.slice(8, 7), FILE.slice(8, 15));
  assert.equal(bytes.slice(8, 8), undefined);
  const clone = bytes.clone();
  await clone.fetch(new MemorySource(FILE), [{ offset: 15, length: 5 }]);
  assert.deepEqual(clone.slice(0, 20), FILE.slice(0, 20));
  assert.equal(bytes.runAt(15), undefined);
});
