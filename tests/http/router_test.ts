import assert from "node:assert/strict";
import { IiifSyntaxError } from "../../src/iiif/mod.ts";
import { RequestSyntaxError } from "../../src/http/request_syntax_error.ts";
import { route } from "../../src/http/router.ts";

function paramsOf(path: string): Record<string, string> | undefined {
  return route(new URL(`http://tessera.test${path}`))?.params();
}

Deno.test("route() matches each route and decodes every segment once", () => {
  const cases: Array<[string, Record<string, string> | undefined]> = [
    ["/", {}],
    ["/iiif/3/a.jpg/info.json", { version: "3", identifier: "a.jpg" }],
    ["/iiif/2/a.jpg", { version: "2", identifier: "a.jpg" }],
    ["/iiif/3/a%2Fb.jpg/info.json", { version: "3", identifier: "a/b.jpg" }],
    ["/iiif/3/a%252F.jpg/info.json", { version: "3", identifier: "a%2F.jpg" }],
    ["/iiif/3/samples%3Aa%20b.jpg", { version: "3", identifier: "samples:a b.jpg" }],
    [
      "/iiif/3/a%2Fb/pct%3A0,0,50,50/!100,/90/gray.png",
      {
        version: "3",
        identifier: "a/b",
        region: "pct:0,0,50,50",
        size: "!100,",
        rotation: "90",
        file: "gray.png",
      },
    ],
    ["/iiif/4/a.jpg/info.json", undefined],
    ["/iiif/3/a/b/info.json", undefined],
    ["/iiif/3/a.jpg/full/max/0", undefined],
    ["/favicon.ico", undefined],
    ["/health/ready", {}],
  ];
  for (const [path, expected] of cases) assert.deepEqual(paramsOf(path), expected, path);
});

Deno.test("route() names each route, for the metrics' route label", () => {
  const cases: Array<[string, string | undefined]> = [
    ["/", "landing"],
    ["/status", "status"],
    ["/health", "health"],
    ["/health/ready", "readiness"],
    ["/metrics", "metrics"],
    ["/iiif/2/a.jpg/info.json", "info"],
    ["/iiif/3/a.jpg", "base_uri"],
    ["/iiif/3/a.jpg/full/max/0/default.jpg", "image"],
    ["/iiif/3/a%ZZ/full/max/0/default.jpg", "image"],
    ["/metrics/", undefined],
    ["/health/live", undefined],
  ];
  for (const [path, name] of cases) {
    assert.equal(route(new URL(`http://tessera.test${path}`))?.name, name, path);
  }
});

Deno.test("route() decodes a match's parameters once, however often they are asked for", () => {
  const found = route(new URL("http://tessera.test/iiif/3/a%2Fb.jpg/full/max/0/default.jpg"));
  const params = found?.params();
  assert.equal(params?.identifier, "a/b.jpg");
  assert.equal(found?.params(), params, "the same object, not a second decoding");
});

Deno.test("route() rejects broken percent-encoding with RequestSyntaxError", () => {
  for (const path of ["/iiif/3/a%ZZ/info.json", "/iiif/3/a/full/max/0/default%E0.jpg"]) {
    assert.throws(() => paramsOf(path), RequestSyntaxError, path);
  }
});

Deno.test("route() rejects an identifier holding control characters on every IIIF route", () => {
  const paths = [
    "/iiif/3/%00/info.json",
    "/iiif/2/a%0D%0Ab",
    "/iiif/3/a%7F/full/max/0/default.jpg",
  ];
  for (const path of paths) {
    assert.throws(() => paramsOf(path), (error: unknown) => {
      assert.ok(error instanceof IiifSyntaxError, path);
      assert.equal(error.parameter, "identifier");
      assert.match(error.message, /^Cannot parse identifier ".+": empty or holds control/);
      return true;
    });
  }
});
