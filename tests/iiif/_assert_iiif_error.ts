import assert from "node:assert/strict";
import { type IiifParameter, IiifSyntaxError, NotImplementedError } from "../../src/iiif/mod.ts";

/** The status an IIIF error maps to: 400 for IiifSyntaxError, 501 for NotImplementedError. */
export type IiifErrorStatus = 400 | 501;

/**
 * Asserts that `fn` throws the IIIF error of the given status class, blaming `parameter`, with a
 * message in the project's style (capitalised, a quoted value, no final period).
 */
export function assertIiifError(
  fn: () => unknown,
  expected: { status: IiifErrorStatus; parameter: IiifParameter },
): void {
  assert.throws(fn, (error: unknown) => {
    const status = error instanceof IiifSyntaxError
      ? 400
      : error instanceof NotImplementedError
      ? 501
      : undefined;
    assert.equal(status, expected.status, `unexpected error: ${error}`);
    const { parameter, message } = error as IiifSyntaxError | NotImplementedError;
    assert.equal(parameter, expected.parameter);
    assert.match(message, /^[A-Z][^]*"[^]*"[^]*[^.]$/);
    return true;
  });
}
