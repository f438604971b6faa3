import assert from "node:assert/strict";
import type { ImagePlan } from "../../src/iiif/mod.ts";
import { bandPlans, MIN_BAND_ROWS } from "../../workers/band_plans.ts";

function resizePlan(height: number, extra: ImagePlan["steps"] = []): ImagePlan {
  const region = { x: 10, y: 20.5, width: 1250, height: 1250 };
  return {
    version: 3,
    identifier: "a.tif",
    canonical: "full/1024,/0/default.jpg",
    region: { x: 0, y: 0, width: 10000, height: 10000 },
    decodeScale: 8,
    steps: [{ op: "resize", region, width: 1024, height }, ...extra],
    width: 1024,
    height,
    encode: { format: "jpg", quality: "default", jpegQuality: 85, subsampling: "420" },
  };
}

Deno.test("bandPlans() cuts the output rows into contiguous bands over contiguous source rows", () => {
  const plan = resizePlan(1023);
  const bands = bandPlans(plan, 3)!;
  assert.deepEqual(bands.map((band) => [band.top, band.plan.height]), [[0, 341], [341, 341], [
    682,
    341,
  ]]);
  let y = 20.5;
  for (const { plan: band } of bands) {
    const [step] = band.steps;
    assert.equal(step.op, "resize");
    if (step.op !== "resize") continue;
    assert.ok(Math.abs(step.region.y - y) < 1e-9, `band starts at ${step.region.y}, not ${y}`);
    assert.deepEqual([step.region.x, step.region.width, step.width], [10, 1250, 1024]);
    assert.equal(step.height, band.height);
    assert.deepEqual(band.encode, plan.encode);
    y += step.region.height;
  }
  assert.ok(Math.abs(y - (20.5 + 1250)) < 1e-9, "the bands end where the region does");
});

Deno.test("bandPlans() refuses plans it cannot split: other steps, too few rows, one band", () => {
  assert.equal(bandPlans(resizePlan(1024, [{ op: "mirror" }]), 2), undefined);
  assert.equal(bandPlans(resizePlan(2 * MIN_BAND_ROWS - 1), 2), undefined);
  assert.equal(bandPlans(resizePlan(1024), 1), undefined);
  assert.equal(bandPlans(resizePlan(2 * MIN_BAND_ROWS), 2)?.length, 2);
});
