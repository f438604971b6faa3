import assert from "node:assert/strict";
import {
  type IiifParameter,
  type ImageRequestParams,
  parseImageRequest,
} from "../../src/iiif/mod.ts";
import { assertIiifError } from "./_assert_iiif_error.ts";

const GOOD: ImageRequestParams = {
  identifier: "dir/photo 1.jpg",
  region: "pct:10,10,50,50",
  size: "!300,300",
  rotation: "!22.5",
  file: "bitonal.webp",
};

Deno.test("parseImageRequest() parses every parameter of a 3.0 request", () => {
  assert.deepEqual(parseImageRequest({ ...GOOD, size: "^!300,300" }, 3), {
    version: 3,
    identifier: "dir/photo 1.jpg",
    region: { kind: "percent", x: 10, y: 10, width: 50, height: 50 },
    size: { upscale: true, kind: "confined", width: 300, height: 300 },
    rotation: { degrees: 22.5, mirror: true },
    quality: "bitonal",
    format: "webp",
  });
});

Deno.test("parseImageRequest() parses a 2.1 request with size full", () => {
  const request = parseImageRequest({ ...GOOD, size: "full" }, 2);
  assert.equal(request.version, 2);
  assert.deepEqual(request.size, { upscale: false, kind: "full" });
});

const INVALID: [Partial<ImageRequestParams>, IiifParameter][] = [
  [{ identifier: "" }, "identifier"],
  [{ identifier: "a\u0000b" }, "identifier"],
  [{ identifier: "a\nb" }, "identifier"],
  [{ region: "all" }, "region"],
  [{ size: "^max" }, "size"],
  [{ rotation: "-1" }, "rotation"],
  [{ file: "best.jpg" }, "quality"],
  [{ file: "default.jp2" }, "format"],
  // The first bad parameter in URL order is the one reported.
  [{ region: "all", size: "0,", file: "x" }, "region"],
  [{ size: "0,", rotation: "x" }, "size"],
];

for (const [override, parameter] of INVALID) {
  Deno.test(
    `parseImageRequest() rejects ${JSON.stringify(override)} (2.1) with IiifSyntaxError`,
    () => {
      assertIiifError(() => parseImageRequest({ ...GOOD, ...override }, 2), {
        status: 400,
        parameter,
      });
    },
  );
}
