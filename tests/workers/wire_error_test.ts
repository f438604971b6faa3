import assert from "node:assert/strict";
import { CorruptSourceError, UnsupportedSourceError } from "../../src/codecs/mod.ts";
import { IiifSyntaxError, NotImplementedError } from "../../src/iiif/mod.ts";
import { fromWireError, toWireError } from "../../workers/wire_error.ts";

/** What a worker's error looks like once it has crossed the thread boundary and been rebuilt. */
function roundTrip(error: unknown): Error {
  return fromWireError(structuredClone(toWireError(error)));
}

Deno.test("fromWireError(toWireError()) keeps the class, message and parameter", () => {
  const cases: Array<[Error, abstract new (...args: never[]) => Error, string | undefined]> = [
    [new IiifSyntaxError('Cannot parse size "0,"', { parameter: "size" }), IiifSyntaxError, "size"],
    [
      new NotImplementedError('Cannot serve format "jp2"', { parameter: "format" }),
      NotImplementedError,
      "format",
    ],
    [new IiifSyntaxError('Cannot plan "x"'), IiifSyntaxError, undefined],
    [new UnsupportedSourceError("Cannot read CMYK JPEG"), UnsupportedSourceError, undefined],
    [new CorruptSourceError("Cannot decode PNG: damaged"), CorruptSourceError, undefined],
  ];
  for (const [original, errorClass, parameter] of cases) {
    const rebuilt = roundTrip(original);
    assert.ok(rebuilt instanceof errorClass, original.name);
    assert.equal(rebuilt.name, original.name);
    assert.equal(rebuilt.message, original.message);
    assert.equal((rebuilt as { parameter?: string }).parameter, parameter, original.name);
  }
});

Deno.test("fromWireError() turns an unknown name into a plain Error with that name", () => {
  for (const original of [new RangeError("Cannot decode at scale 3"), new TypeError("x is null")]) {
    const rebuilt = roundTrip(original);
    assert.equal(Object.getPrototypeOf(rebuilt), Error.prototype);
    assert.equal(rebuilt.name, original.name);
    assert.equal(rebuilt.message, original.message);
  }
});

Deno.test("fromWireError() drops a parameter that is not an IIIF parameter", () => {
  const rebuilt = fromWireError({ name: "IiifSyntaxError", message: "Bad", parameter: "colour" });
  assert.ok(rebuilt instanceof IiifSyntaxError);
  assert.equal(rebuilt.parameter, undefined);
});

Deno.test("toWireError() flattens a thrown non-Error into a named message", () => {
  assert.deepEqual(toWireError("boom"), { name: "Error", message: "boom" });
  assert.deepEqual(toWireError(42), { name: "Error", message: "42" });
});
