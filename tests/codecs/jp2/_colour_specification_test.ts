import assert from "node:assert/strict";
import { readColourSpecification } from "../../../src/codecs/jp2/_colour_specification.ts";
import { UnsupportedSourceError } from "../../../src/codecs/errors.ts";

/** A 128-byte ICC header naming `space` as its data colour space, and a few more bytes. */
function profileOf(space: string): number[] {
  const header = new Uint8Array(140);
  header.set(new TextEncoder().encode(space), 16);
  return [...header];
}

/** Box contents: METH, PREC, APPROX, then the enumerated space or the profile. */
const READ: readonly [string, number[], number[] | undefined][] = [
  ["enumerated sRGB", [1, 0, 0, 0, 0, 0, 16], undefined],
  ["enumerated greyscale", [1, 0, 0, 0, 0, 0, 17], undefined],
  ["a restricted RGB profile (METH 2)", [2, 0, 0, ...profileOf("RGB ")], profileOf("RGB ")],
  ["any gray profile (METH 3)", [3, 1, 2, ...profileOf("GRAY")], profileOf("GRAY")],
  ["a profile too damaged to name a space", [2, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0]],
  ["vendor colour (METH 4)", [4, 0, 0, ...profileOf("CMYK")], undefined],
];

for (const [name, contents, profile] of READ) {
  Deno.test(`readColourSpecification() reads ${name}`, () => {
    const read = readColourSpecification(Uint8Array.from(contents));
    assert.deepEqual(read === undefined ? undefined : [...read], profile);
  });
}

const REFUSED: readonly [string, number[], RegExp][] = [
  ["enumerated CMYK", [1, 0, 0, 0, 0, 0, 12], /"CMYK"/],
  ["enumerated sYCC", [1, 0, 0, 0, 0, 0, 18], /"sYCC"/],
  ["a CMYK profile", [3, 0, 0, ...profileOf("CMYK")], /"CMYK"/],
  ["a Lab profile", [2, 0, 0, ...profileOf("Lab ")], /"Lab"/],
  ["a three-colour profile", [3, 0, 0, ...profileOf("3CLR")], /"3CLR"/],
];

for (const [name, contents, message] of REFUSED) {
  Deno.test(`readColourSpecification() refuses ${name} with UnsupportedSourceError`, () => {
    assert.throws(() => readColourSpecification(Uint8Array.from(contents)), (error) => {
      assert.ok(error instanceof UnsupportedSourceError);
      assert.match(error.message, message);
      return true;
    });
  });
}
