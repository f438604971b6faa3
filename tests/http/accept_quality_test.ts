import assert from "node:assert/strict";
import { acceptQuality } from "../../src/http/accept_quality.ts";

const LD = "application/ld+json";

Deno.test("acceptQuality() weighs a media type by its most specific matching range", () => {
  const cases: Array<[string | null, number, number]> = [
    // accept, quality, quality when only an exact range counts
    [null, 1, 0],
    ["", 0, 0],
    [LD, 1, 1],
    ["Application/LD+JSON", 1, 1],
    [`${LD};q=0`, 0, 0],
    [`${LD};q=0.000`, 0, 0],
    [`${LD}; q=0.5`, 0.5, 0.5],
    [`${LD};profile="http://iiif.io/api/image/2/context.json";q=0.8`, 0.8, 0.8],
    [`${LD};Q=0.25`, 0.25, 0.25],
    ["*/*", 1, 0],
    ["*/*;q=0.3", 0.3, 0],
    ["application/*;q=0.4, */*;q=0.1", 0.4, 0],
    [`${LD};q=0, */*`, 0, 0],
    [`*/*;q=0.2, ${LD};q=0.9, application/*;q=0.5`, 0.9, 0.9],
    ["application/json", 0, 0],
    [`text/html, ${LD};q=0.7`, 0.7, 0.7],
    // Malformed weights and ranges are skipped.
    [`${LD};q=2`, 0, 0],
    [`${LD};q=0.5555`, 0, 0],
    [`${LD};q=abc, */*;q=0.1`, 0.1, 0],
    ["application, */*;q=0.2", 0.2, 0],
  ];
  for (const [accept, quality, explicit] of cases) {
    assert.equal(acceptQuality(accept, LD), quality, `${accept}`);
    assert.equal(
      acceptQuality(accept, LD, { explicitOnly: true }),
      explicit,
      `${accept} (explicit)`,
    );
  }
});
