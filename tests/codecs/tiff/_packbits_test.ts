import assert from "node:assert/strict";
import { CorruptSourceError } from "../../../src/codecs/errors.ts";
import { decodePackBits } from "../../../src/codecs/tiff/_packbits.ts";

// The example of Apple's Technical Note TN1023, which TIFF 6.0 section 9 adopts.
const PACKED = [
  0xfe,
  0xaa,
  0x02,
  0x80,
  0x00,
  0x2a,
  0xfd,
  0xaa,
  0x03,
  0x80,
  0x00,
  0x2a,
  0x22,
  0xf7,
  0xaa,
];
const UNPACKED = [
  0xaa,
  0xaa,
  0xaa,
  0x80,
  0x00,
  0x2a,
  0xaa,
  0xaa,
  0xaa,
  0xaa,
  0x80,
  0x00,
  0x2a,
  0x22,
  0xaa,
  0xaa,
  0xaa,
  0xaa,
  0xaa,
  0xaa,
  0xaa,
  0xaa,
  0xaa,
  0xaa,
];

Deno.test("decodePackBits() decodes the TIFF 6.0 example, skipping no-op headers", () => {
  assert.deepEqual([...decodePackBits(new Uint8Array(PACKED), UNPACKED.length)], UNPACKED);
  const withNoOp = new Uint8Array([0x80, ...PACKED]);
  assert.deepEqual([...decodePackBits(withNoOp, UNPACKED.length)], UNPACKED);
});

Deno.test("decodePackBits() stops at the output's length and rejects short data", () => {
  assert.deepEqual([...decodePackBits(new Uint8Array(PACKED), 5)], UNPACKED.slice(0, 5));
  assert.throws(
    () => decodePackBits(new Uint8Array(PACKED), UNPACKED.length + 1),
    CorruptSourceError,
  );
});
