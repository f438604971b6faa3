import assert from "node:assert/strict";
import {
  planImage,
  type PlanLimits,
  type SourceImageInfo,
  type WatermarkRule,
} from "../../src/iiif/mod.ts";
import { PLAN_LIMITS, requestOf } from "../fixtures/iiif_plans.ts";

const ODD: SourceImageInfo = { width: 6001, height: 4001, scales: [1, 2, 4, 8], hasAlpha: false };
const TALL: SourceImageInfo = { width: 200, height: 3000, scales: [1], hasAlpha: false };
const RULE: WatermarkRule = { image: "mark-1", opacity: 77, minWidth: 1000, minHeight: 1000 };
const LIMITS: PlanLimits = { ...PLAN_LIMITS, watermark: RULE };

/** `{region}/{size}/{rotation}/{quality}.{format}` of a 3.0 request. */
function stepsOf(path: string, info = ODD, limits = LIMITS) {
  return planImage(requestOf(`a.jpg/${path}`), info, limits).steps;
}

function markAt(x: number, y: number) {
  return { op: "watermark", image: "mark-1", opacity: 77, x, y };
}

/** Request, and where the pattern starts (undefined: no watermark step). */
const CASES: readonly (readonly [string, readonly [number, number] | undefined])[] = [
  // The whole image at 200 or 750 px wide is below 1000×1000: thumbnails stay clean.
  ["full/200,/0/default.jpg", undefined],
  ["0,0,4096,4096/512,/0/default.jpg", undefined],
  // A zoom level 1000 px wide reaches min_width; its tiles start where they lie in it.
  ["full/1000,/0/default.jpg", [0, 0]],
  ["1024,512,512,512/512,/0/default.jpg", [1024, 512]],
  ["2048,0,2048,2048/512,/0/default.jpg", [512, 0]],
  // An edge tile at factor 4 is 1905/4 rounded up = 477 wide: it keeps factor 4, not 1905/477.
  ["4096,2048,1905,1953/477,/0/default.jpg", [1024, 512]],
  // A small crop of the full resolution is marked: the image at that scale is large.
  ["3000,2000,100,100/max/0/default.png", [3000, 2000]],
];

for (const [path, origin] of CASES) {
  Deno.test(`planImage() ${origin ? "marks" : "does not mark"} ${path}`, () => {
    const marks = stepsOf(path).filter((step) => step.op === "watermark");
    assert.deepEqual(marks, origin ? [markAt(...origin)] : []);
  });
}

Deno.test("planImage() marks an image that reaches either minimum", () => {
  // 67×1000: narrow, but as high as min_height.
  assert.deepEqual(stepsOf("full/,1000/0/default.jpg", TALL)[1], markAt(0, 0));
  assert.equal(stepsOf("full/,999/0/default.jpg", TALL).length, 1);
});

Deno.test("planImage() lays the watermark after the resize, before turning and recolouring", () => {
  const ops = stepsOf("0,0,2000,2000/500,/90/bitonal.jpg").map((step) => step.op);
  assert.deepEqual(ops, ["resize", "watermark", "rotate90", "bitonal"]);
  assert.deepEqual(stepsOf("full/max/0/default.jpg").map((step) => step.op), ["watermark"]);
});

Deno.test("planImage() marks nothing for a profile without a watermark", () => {
  const clean = { ...LIMITS, watermark: undefined };
  const paths = ["full/max/0/default.jpg", "1024,512,512,512/512,/0/gray.png"];
  for (const path of paths) {
    assert.ok(stepsOf(path, ODD, clean).every((step) => step.op !== "watermark"), path);
  }
});
