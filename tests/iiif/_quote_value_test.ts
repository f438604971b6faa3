import assert from "node:assert/strict";
import { quoteValue } from "../../src/iiif/_quote_value.ts";
import {
  type IiifParameter,
  IiifSyntaxError,
  type ImageRequestParams,
  parseImageRequest,
} from "../../src/iiif/mod.ts";

const GOOD: ImageRequestParams = {
  identifier: "photo.jpg",
  region: "full",
  size: "max",
  rotation: "0",
  file: "default.jpg",
};
const LONG = "9".repeat(4000);

Deno.test("quoteValue() quotes a short value whole, escaping quotes and control characters", () => {
  assert.equal(quoteValue("pct:0,0,50,50"), '"pct:0,0,50,50"');
  assert.equal(quoteValue('a"b\u0000'), '"a\\"b\\u0000"');
});

Deno.test("quoteValue() cuts a long value after 64 characters and gives its length", () => {
  assert.equal(quoteValue(LONG), `"${"9".repeat(64)}…" (4000 characters)`);
  // An emoji across the cut is dropped whole rather than halved.
  assert.equal(
    quoteValue(`${"a".repeat(63)}😀${"b".repeat(10)}`),
    `"${"a".repeat(63)}…" (75 characters)`,
  );
});

Deno.test("parseImageRequest() errors stay short for a 4,000-character segment", () => {
  const cases: Array<[Partial<ImageRequestParams>, IiifParameter]> = [
    [{ identifier: `${LONG}\u0001` }, "identifier"],
    [{ region: LONG }, "region"],
    [{ size: LONG }, "size"],
    [{ size: `${LONG},` }, "size"],
    [{ rotation: LONG }, "rotation"],
    [{ file: LONG }, "format"],
    [{ file: `${LONG}.jpg` }, "quality"],
    [{ file: `default.${LONG}` }, "format"],
  ];
  for (const [params, parameter] of cases) {
    assert.throws(() => parseImageRequest({ ...GOOD, ...params }, 3), (error) => {
      assert.ok(error instanceof IiifSyntaxError, String(error));
      assert.equal(error.parameter, parameter);
      assert.ok(error.message.length < 300, `${parameter}: ${error.message}`);
      assert.match(error.message, /…" \(400\d characters\)/);
      return true;
    });
  }
});
