import assert from "node:assert/strict";
import { checkPngChunks } from "../../src/codecs/_check_png_chunks.ts";
import { CorruptSourceError } from "../../src/codecs/errors.ts";
import { buildPng, idat, ihdr } from "./_images.ts";

/** A 2×2 RGB PNG with an iCCP chunk (its content is never read here) and a text comment. */
const PNG = buildPng([
  ["IHDR", ihdr(2, 2, 8, 2)],
  ["iCCP", new TextEncoder().encode("profile\0\0not really zlib")],
  ["tEXt", new TextEncoder().encode("Comment\0hello")],
  ["IDAT", idat([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]])],
  ["IEND", new Uint8Array()],
]);

/** Byte offset of the first chunk of `type`. */
function chunkAt(type: string): number {
  const view = new DataView(PNG.buffer);
  let offset = 8;
  while (String.fromCharCode(...PNG.subarray(offset + 4, offset + 8)) !== type) {
    offset += 12 + view.getUint32(offset);
  }
  return offset;
}

function withFlippedBit(at: number): Uint8Array {
  const copy = PNG.slice();
  copy[at] ^= 0x10;
  return copy;
}

function assertCorrupt(bytes: Uint8Array, message: RegExp): void {
  assert.throws(() => checkPngChunks(bytes), (error) => {
    assert.ok(error instanceof CorruptSourceError, String(error));
    assert.match(error.message, message);
    return true;
  });
}

Deno.test("checkPngChunks() accepts an intact PNG, with or without bytes after IEND", () => {
  checkPngChunks(PNG);
  const trailing = new Uint8Array(PNG.length + 7);
  trailing.set(PNG);
  checkPngChunks(trailing);
});

Deno.test("checkPngChunks() returns each chunk before IEND with its data", () => {
  const chunks = checkPngChunks(PNG);
  assert.deepEqual(chunks.map((chunk) => chunk.type), ["IHDR", "iCCP", "tEXt", "IDAT"]);
  const text = chunks[2].data;
  assert.equal(new TextDecoder().decode(text), "Comment\0hello");
  assert.equal(text.buffer, PNG.buffer, "a view into the file, not a copy");
});

Deno.test("checkPngChunks() rejects a PNG cut anywhere before its IEND chunk", () => {
  for (let length = 8; length < chunkAt("IEND") + 8; length++) {
    assertCorrupt(PNG.subarray(0, length), /^Cannot decode PNG: the file ends (inside|before)/);
  }
});

Deno.test("checkPngChunks() rejects a flipped bit in the data or CRC of a critical chunk or iCCP", () => {
  for (const type of ["IHDR", "iCCP", "IDAT"]) {
    const at = chunkAt(type);
    const crcEnd = at + 12 + new DataView(PNG.buffer).getUint32(at);
    for (const position of [at + 8, crcEnd - 5, crcEnd - 1]) {
      assertCorrupt(withFlippedBit(position), /damaged \(wrong CRC\)/);
    }
  }
});

Deno.test("checkPngChunks() leaves other ancillary chunks to their readers, as libpng does", () => {
  checkPngChunks(withFlippedBit(chunkAt("tEXt") + 10));
});
