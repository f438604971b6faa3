import assert from "node:assert/strict";
import {
  IIIF_PARAMETERS,
  IiifSyntaxError,
  isIiifParameter,
  NotImplementedError,
} from "../../src/iiif/mod.ts";

for (const ErrorClass of [IiifSyntaxError, NotImplementedError]) {
  Deno.test(`${ErrorClass.name} is rebuilt from { name, message, parameter }`, () => {
    const original = new ErrorClass('Cannot parse size "0,": width is zero', {
      parameter: "size",
      value: "0,",
    });
    const wire = structuredClone({
      name: original.name,
      message: original.message,
      parameter: original.parameter,
    });
    assert.ok(isIiifParameter(wire.parameter));
    const rebuilt = new ErrorClass(wire.message, { parameter: wire.parameter });
    assert.equal(rebuilt.name, ErrorClass.name);
    assert.equal(rebuilt.message, original.message);
    assert.equal(rebuilt.parameter, "size");
    assert.ok(rebuilt instanceof ErrorClass);
  });
}

Deno.test("IiifSyntaxError is a SyntaxError carrying its value and cause", () => {
  const cause = new RangeError("inner");
  const error = new IiifSyntaxError('Cannot parse region "x": bad', {
    parameter: "region",
    value: "x",
    cause,
  });
  assert.ok(error instanceof SyntaxError);
  assert.equal(error.value, "x");
  assert.equal(error.cause, cause);
});

Deno.test("NotImplementedError is not a SyntaxError and has no parameter unless given", () => {
  const error = new NotImplementedError('Cannot serve "x"');
  assert.ok(!(error instanceof SyntaxError));
  assert.equal(error.parameter, undefined);
  assert.equal("cause" in error, false);
});

Deno.test("isIiifParameter() accepts exactly the six parameters", () => {
  assert.deepEqual(IIIF_PARAMETERS.filter(isIiifParameter), [...IIIF_PARAMETERS]);
  for (const value of ["Size", "", "info", undefined, 3, null]) {
    assert.equal(isIiifParameter(value), false, String(value));
  }
});
