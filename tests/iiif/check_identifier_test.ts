import assert from "node:assert/strict";
import { checkIdentifier, IiifSyntaxError } from "../../src/iiif/mod.ts";

Deno.test("checkIdentifier() accepts 1024 UTF-8 bytes and refuses one more", () => {
  checkIdentifier(`p:${"a".repeat(1022)}`);
  // "é" is two bytes in UTF-8: 512 of them are 1024 bytes but 512 characters.
  checkIdentifier("é".repeat(512));
  for (const identifier of [`p:${"a".repeat(1023)}`, `${"é".repeat(512)}a`]) {
    assert.throws(() => checkIdentifier(identifier), (error: unknown) => {
      assert.ok(error instanceof IiifSyntaxError);
      assert.equal(error.parameter, "identifier");
      assert.match(error.message, /: 1025 bytes long, more than 1024$/);
      return true;
    });
  }
});

Deno.test("checkIdentifier() refuses empty identifiers and control characters", () => {
  for (const identifier of ["", "a\u0000b", "a\u007f"]) {
    assert.throws(() => checkIdentifier(identifier), IiifSyntaxError, JSON.stringify(identifier));
  }
});
