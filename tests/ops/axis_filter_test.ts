import assert from "node:assert/strict";
import { axisFilter, type AxisFilterName } from "../../src/ops/mod.ts";

Deno.test("axisFilter() reduces with box, enlarges with lanczos3 and copies equal lengths", () => {
  const cases: [number, number, number | undefined, AxisFilterName][] = [
    [6000, 1500, undefined, "box"],
    [513, 512, 0, "box"],
    [100.5, 100, 3, "box"],
    [256, 512, undefined, "lanczos3"],
    [99.5, 100, 0, "lanczos3"],
    [512, 512, undefined, "copy"],
    [512, 512, 1024, "copy"],
    [512, 512, 0.5, "lanczos3"],
  ];
  for (const [length, outLength, start, expected] of cases) {
    assert.equal(axisFilter(length, outLength, { start }), expected, `${length} → ${outLength}`);
  }
});
