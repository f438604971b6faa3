import assert from "node:assert/strict";
import type { OpStep } from "../../src/ops/op_step.ts";
import {
  type IiifParameter,
  type IiifVersion,
  type ImagePlan,
  planImage,
  type PlanLimits,
  type SourceImageInfo,
} from "../../src/iiif/mod.ts";
import { PLAN_LIMITS, requestOf } from "../fixtures/iiif_plans.ts";
import { assertIiifError, type IiifErrorStatus } from "./_assert_iiif_error.ts";

const LARGE: SourceImageInfo = { width: 6000, height: 4000, scales: [1, 2, 4, 8], hasAlpha: false };
const PORTRAIT: SourceImageInfo = {
  width: 4000,
  height: 6000,
  scales: [1, 2, 4, 8],
  hasAlpha: false,
};
const ODD: SourceImageInfo = { width: 6001, height: 4001, scales: [1, 2, 4, 8], hasAlpha: false };
const SMALL: SourceImageInfo = { width: 300, height: 200, scales: [1], hasAlpha: true };
const SQUARE: SourceImageInfo = { width: 200, height: 200, scales: [1], hasAlpha: false };
const WIDE: SourceImageInfo = { width: 1000, height: 500, scales: [1], hasAlpha: false };

const NO_UPSCALING = { allowUpscaling: false };
/** SMALL has alpha, so its JPEGs are composited onto white. */
const FLATTEN = { op: "flatten" } as const;

interface Case {
  /** `{region}/{size}/{rotation}/{quality}.{format}` */
  readonly path: string;
  readonly version?: IiifVersion;
  readonly image?: SourceImageInfo;
  readonly limits?: Partial<PlanLimits>;
}

interface ValidCase extends Case {
  readonly canonical: string;
  /** Output width and height, after rotation. */
  readonly output: readonly [number, number];
  readonly region?: readonly [number, number, number, number];
  readonly decodeScale?: number;
  readonly steps?: readonly OpStep[];
}

interface InvalidCase extends Case {
  readonly status: IiifErrorStatus;
  readonly parameter: IiifParameter;
}

function resize(region: readonly [number, number, number, number], width: number, height: number) {
  const [x, y, regionWidth, regionHeight] = region;
  return {
    op: "resize",
    region: { x, y, width: regionWidth, height: regionHeight },
    width,
    height,
  } as const;
}

function plan(testCase: Case, path = testCase.path): ImagePlan {
  const request = requestOf(`id/${path}`, testCase.version);
  return planImage(request, testCase.image ?? LARGE, { ...PLAN_LIMITS, ...testCase.limits });
}

/** `color` is the default quality, so both plans encode the same image. */
function withColorAsDefault(result: ImagePlan): ImagePlan {
  const quality = result.encode.quality === "color" ? "default" : result.encode.quality;
  return { ...result, encode: { ...result.encode, quality } };
}

function describe(testCase: Case): string {
  const { width, height } = testCase.image ?? LARGE;
  const limits = testCase.limits ? ` with ${JSON.stringify(testCase.limits)}` : "";
  return `"${testCase.path}" on ${width}×${height} (${testCase.version ?? 3}.x)${limits}`;
}

const VALID: ValidCase[] = [
  // Decode scale: the largest reduction that still covers the output on both axes.
  {
    path: "full/max/0/default.jpg",
    canonical: "full/max/0/default.jpg",
    output: [6000, 4000],
    region: [0, 0, 6000, 4000],
    decodeScale: 1,
    steps: [],
  },
  {
    path: "full/!200,200/0/default.jpg",
    canonical: "full/200,133/0/default.jpg",
    output: [200, 133],
    decodeScale: 8,
    steps: [resize([0, 0, 750, 500], 200, 133)],
  },
  {
    path: "0,0,512,512/512,512/0/default.jpg",
    canonical: "0,0,512,512/max/0/default.jpg",
    output: [512, 512],
    decodeScale: 1,
    steps: [resize([0, 0, 512, 512], 512, 512)],
  },
  {
    path: "full/1000,/0/default.jpg",
    canonical: "full/1000,667/0/default.jpg",
    output: [1000, 667],
    decodeScale: 4,
    steps: [resize([0, 0, 1500, 1000], 1000, 667)],
  },
  {
    path: "2048,2048,2048,2048/512,/0/default.jpg",
    canonical: "2048,2048,2048,1952/512,488/0/default.jpg",
    output: [512, 488],
    region: [2048, 2048, 2048, 1952],
    decodeScale: 4,
    steps: [resize([512, 512, 512, 488], 512, 488)],
  },
  {
    path: "full/750,500/0/default.jpg",
    canonical: "full/750,500/0/default.jpg",
    output: [750, 500],
    decodeScale: 8,
    steps: [],
  },
  {
    path: "full/pct:25/0/default.jpg",
    canonical: "full/1500,1000/0/default.jpg",
    output: [1500, 1000],
    decodeScale: 4,
    steps: [],
  },
  {
    path: "full/,1000/0/default.jpg",
    canonical: "full/1500,1000/0/default.jpg",
    output: [1500, 1000],
    decodeScale: 4,
    steps: [],
  },
  {
    path: "full/750,/0/default.jpg",
    image: ODD,
    canonical: "full/750,500/0/default.jpg",
    output: [750, 500],
    decodeScale: 8,
    steps: [resize([0, 0, 750.125, 500.125], 750, 500)],
  },
  // Regions: clipping, square, percentages.
  {
    path: "5000,3000,2000,2000/max/0/default.jpg",
    canonical: "5000,3000,1000,1000/max/0/default.jpg",
    output: [1000, 1000],
    region: [5000, 3000, 1000, 1000],
    decodeScale: 1,
  },
  {
    path: "square/max/0/default.jpg",
    canonical: "1000,0,4000,4000/max/0/default.jpg",
    output: [4000, 4000],
    region: [1000, 0, 4000, 4000],
  },
  {
    path: "square/!400,400/0/default.jpg",
    image: PORTRAIT,
    canonical: "0,1000,4000,4000/400,400/0/default.jpg",
    output: [400, 400],
    region: [0, 1000, 4000, 4000],
    decodeScale: 8,
    steps: [resize([0, 125, 500, 500], 400, 400)],
  },
  {
    path: "square/full/0/default.jpg",
    version: 2,
    image: SQUARE,
    canonical: "full/full/0/default.jpg",
    output: [200, 200],
    region: [0, 0, 200, 200],
  },
  {
    path: "pct:41.6,7.5,40,70/max/0/default.jpg",
    image: SMALL,
    canonical: "125,15,120,140/max/0/default.jpg",
    output: [120, 140],
    region: [125, 15, 120, 140],
  },
  {
    path: "pct:41.6,7.5,66.6,100/max/0/default.jpg",
    image: SMALL,
    canonical: "125,15,175,185/max/0/default.jpg",
    output: [175, 185],
    region: [125, 15, 175, 185],
  },
  {
    path: "pct:0,0,100,100/max/0/default.jpg",
    image: SMALL,
    canonical: "full/max/0/default.jpg",
    output: [300, 200],
    steps: [FLATTEN],
  },
  {
    path: "pct:0,0,33.3333,100/max/0/default.jpg",
    image: WIDE,
    canonical: "0,0,333,500/max/0/default.jpg",
    output: [333, 500],
    region: [0, 0, 333, 500],
  },
  {
    path: "pct:33.3333,0,33.3333,100/max/0/default.jpg",
    image: WIDE,
    canonical: "333,0,334,500/max/0/default.jpg",
    output: [334, 500],
    region: [333, 0, 334, 500],
  },
  {
    path: "pct:0,0,0.01,0.01/max/0/default.jpg",
    image: SMALL,
    canonical: "0,0,1,1/max/0/default.jpg",
    output: [1, 1],
    region: [0, 0, 1, 1],
  },
  // `w,` and `,h` keep their derived side at 1 pixel or more: tile viewers ask thin edge tiles so.
  ...([
    ["0,2048,513,1", "129,", 3, "129,1", [129, 1]],
    ["0,2048,513,1", "129,", 2, "129,", [129, 1]],
    ["2048,0,1,513", ",129", 3, "1,129", [1, 129]],
    ["2048,0,1,513", ",129", 2, "1,129", [1, 129]],
  ] as const).map(([region, size, version, canonicalSize, output]) => ({
    path: `${region}/${size}/0/default.jpg`,
    version,
    image: { width: 2049, height: 2049, scales: [1, 2, 4, 8], hasAlpha: false },
    canonical: `${region}/${canonicalSize}/0/default.jpg`,
    output,
  })),
  // A start below 100% never rounds onto the far edge: at least one pixel is left.
  {
    path: "pct:99.99,99.99,100,100/max/0/default.jpg",
    canonical: "5999,3999,1,1/max/0/default.jpg",
    output: [1, 1],
    region: [5999, 3999, 1, 1],
  },
  {
    path: "pct:0,99.999,10,10/max/0/default.jpg",
    canonical: "0,3999,600,1/max/0/default.jpg",
    output: [600, 1],
    region: [0, 3999, 600, 1],
  },
  {
    path: "299,199,10,10/max/0/default.jpg",
    image: SMALL,
    canonical: "299,199,1,1/max/0/default.jpg",
    output: [1, 1],
    region: [299, 199, 1, 1],
  },
  // Limits and upscaling, 3.0.
  {
    path: "full/max/0/default.jpg",
    limits: { maxWidth: 3000 },
    canonical: "full/max/0/default.jpg",
    output: [3000, 2000],
    decodeScale: 2,
    steps: [],
  },
  {
    path: "full/max/0/default.jpg",
    limits: { maxArea: 1_000_000 },
    canonical: "full/max/0/default.jpg",
    output: [1225, 816],
    decodeScale: 4,
    steps: [resize([0, 0, 1500, 1000], 1225, 816)],
  },
  // The size `max` gives under the limits is canonically `max`, even below the region's size.
  {
    path: "full/3000,2000/0/default.jpg",
    limits: { maxWidth: 3000 },
    canonical: "full/max/0/default.jpg",
    output: [3000, 2000],
  },
  {
    path: "full/1225,816/0/default.jpg",
    limits: { maxArea: 1_000_000 },
    canonical: "full/max/0/default.jpg",
    output: [1225, 816],
  },
  {
    path: "0,0,3000,3000/!2000,2000/0/default.jpg",
    limits: { maxWidth: 1000, maxHeight: 1000 },
    canonical: "0,0,3000,3000/max/0/default.jpg",
    output: [1000, 1000],
  },
  {
    path: "full/2999,2000/0/default.jpg",
    limits: { maxWidth: 3000 },
    canonical: "full/2999,2000/0/default.jpg",
    output: [2999, 2000],
  },
  // Limits bound the rotated output too.
  {
    path: "full/max/45/default.jpg",
    canonical: "full/max/45/default.jpg",
    output: [7071, 7071],
    steps: [{ op: "rotate", degrees: 45, background: "white" }],
  },
  {
    path: "full/max/90/default.jpg",
    limits: { maxWidth: 6000, maxHeight: 6000 },
    canonical: "full/max/90/default.jpg",
    output: [4000, 6000],
  },
  {
    path: "full/^max/0/default.jpg",
    limits: { maxArea: 1_000_000 },
    canonical: "full/max/0/default.jpg",
    output: [1225, 816],
  },
  {
    path: "full/^max/0/default.jpg",
    canonical: "full/^max/0/default.jpg",
    output: [10000, 6667],
    decodeScale: 1,
  },
  {
    path: "full/^max/0/default.jpg",
    image: SMALL,
    limits: { maxWidth: 600, maxHeight: 600 },
    canonical: "full/^max/0/default.jpg",
    output: [600, 400],
    steps: [resize([0, 0, 300, 200], 600, 400), FLATTEN],
  },
  {
    path: "full/^max/0/default.jpg",
    image: SMALL,
    limits: NO_UPSCALING,
    canonical: "full/max/0/default.jpg",
    output: [300, 200],
    steps: [FLATTEN],
  },
  {
    path: "full/^301,/0/default.jpg",
    image: SMALL,
    canonical: "full/^301,201/0/default.jpg",
    output: [301, 201],
  },
  {
    path: "full/^200,300/0/default.jpg",
    image: SMALL,
    canonical: "full/^200,300/0/default.jpg",
    output: [200, 300],
  },
  {
    path: "full/^!1000,1000/0/default.jpg",
    image: SMALL,
    canonical: "full/^1000,667/0/default.jpg",
    output: [1000, 667],
  },
  {
    path: "full/^!1000,1000/0/default.jpg",
    image: SMALL,
    limits: NO_UPSCALING,
    canonical: "full/max/0/default.jpg",
    output: [300, 200],
  },
  {
    path: "full/!1000,1000/0/default.jpg",
    image: SMALL,
    canonical: "full/max/0/default.jpg",
    output: [300, 200],
  },
  {
    path: "full/^pct:50/0/default.jpg",
    image: SMALL,
    limits: NO_UPSCALING,
    canonical: "full/150,100/0/default.jpg",
    output: [150, 100],
  },
  {
    path: "full/100,100/0/default.jpg",
    image: SMALL,
    canonical: "full/100,100/0/default.jpg",
    output: [100, 100],
  },
  // 2.1 sizes and canonical forms.
  ...([
    ["full", "full", [300, 200]],
    ["max", "full", [300, 200]],
    ["150,", "150,", [150, 100]],
    [",100", "150,", [150, 100]],
    ["pct:50", "150,", [150, 100]],
    ["150,100", "150,", [150, 100]],
    ["100,100", "100,100", [100, 100]],
    ["!1000,1000", "1000,", [1000, 667]],
    ["400,", "400,", [400, 267]],
    ["pct:150", "450,", [450, 300]],
  ] as const).map(([size, canonical, output]) => ({
    path: `full/${size}/0/default.jpg`,
    version: 2 as const,
    image: SMALL,
    canonical: `full/${canonical}/0/default.jpg`,
    output,
  })),
  {
    path: "full/!1000,1000/0/default.jpg",
    version: 2,
    image: SMALL,
    limits: NO_UPSCALING,
    canonical: "full/full/0/default.jpg",
    output: [300, 200],
  },
  {
    path: "full/max/0/default.jpg",
    version: 2,
    limits: { maxWidth: 3000 },
    canonical: "full/3000,/0/default.jpg",
    output: [3000, 2000],
    decodeScale: 2,
  },
  // Mirroring, rotation and quality.
  ...([
    ["0/default.jpg", "0/default.jpg", [300, 200], [FLATTEN]],
    ["90/default.jpg", "90/default.jpg", [200, 300], [
      { op: "rotate90", quarterTurns: 1 },
      FLATTEN,
    ]],
    ["180/default.jpg", "180/default.jpg", [300, 200], [
      { op: "rotate90", quarterTurns: 2 },
      FLATTEN,
    ]],
    ["270/default.jpg", "270/default.jpg", [200, 300], [
      { op: "rotate90", quarterTurns: 3 },
      FLATTEN,
    ]],
    ["360/default.jpg", "0/default.jpg", [300, 200], [FLATTEN]],
    ["!0/default.jpg", "!0/default.jpg", [300, 200], [{ op: "mirror" }, FLATTEN]],
    ["!180/default.jpg", "!180/default.jpg", [300, 200], [
      { op: "mirror" },
      { op: "rotate90", quarterTurns: 2 },
      FLATTEN,
    ]],
    ["22.5/default.jpg", "22.5/default.jpg", [354, 300], [
      { op: "rotate", degrees: 22.5, background: "white" },
      FLATTEN,
    ]],
    ["!22.50/default.png", "!22.5/default.png", [354, 300], [
      { op: "mirror" },
      { op: "rotate", degrees: 22.5, background: "transparent" },
    ]],
    ["045.0/default.gif", "45/default.gif", [354, 354], [
      { op: "rotate", degrees: 45, background: "transparent" },
    ]],
    [".5/default.webp", "0.5/default.webp", [302, 203], [
      { op: "rotate", degrees: 0.5, background: "transparent" },
    ]],
    ["0/color.tif", "0/default.tif", [300, 200], []],
    ["0/gray.jpg", "0/gray.jpg", [300, 200], [FLATTEN, { op: "gray" }]],
    ["0/bitonal.png", "0/bitonal.png", [300, 200], [{ op: "bitonal", threshold: 128 }]],
  ] as const).map(([tail, canonicalTail, output, steps]) => ({
    path: `full/max/${tail}`,
    image: SMALL,
    canonical: `full/max/${canonicalTail}`,
    output,
    steps,
  })),
  {
    path: "full/150,/!90/gray.png",
    image: SMALL,
    limits: { bitonalThreshold: 100 },
    canonical: "full/150,100/!90/gray.png",
    output: [100, 150],
    steps: [
      resize([0, 0, 300, 200], 150, 100),
      { op: "mirror" },
      { op: "rotate90", quarterTurns: 1 },
      { op: "gray" },
    ],
  },
  {
    path: "full/max/0/bitonal.jpg",
    image: SMALL,
    limits: { bitonalThreshold: 100 },
    canonical: "full/max/0/bitonal.jpg",
    output: [300, 200],
    steps: [FLATTEN, { op: "bitonal", threshold: 100 }],
  },
  // An opaque source's JPEG needs no flatten: a rotation already fills its corners white.
  {
    path: "full/max/22.5/bitonal.jpg",
    image: SQUARE,
    canonical: "full/max/22.5/bitonal.jpg",
    output: [261, 261],
    steps: [
      { op: "rotate", degrees: 22.5, background: "white" },
      { op: "bitonal", threshold: 128 },
    ],
  },
];

const INVALID: InvalidCase[] = [
  { path: "6000,0,10,10/max/0/default.jpg", status: 400, parameter: "region" },
  { path: "0,4000,10,10/max/0/default.jpg", status: 400, parameter: "region" },
  { path: "pct:100,0,10,10/max/0/default.jpg", status: 400, parameter: "region" },
  { path: "full/301,/0/default.jpg", image: SMALL, status: 400, parameter: "size" },
  { path: "full/,201/0/default.jpg", image: SMALL, status: 400, parameter: "size" },
  { path: "full/300,201/0/default.jpg", image: SMALL, status: 400, parameter: "size" },
  { path: "full/pct:101/0/default.jpg", image: SMALL, status: 400, parameter: "size" },
  { path: "full/pct:100.1/0/default.jpg", image: SMALL, status: 400, parameter: "size" },
  ...["^301,", "^,201", "^pct:120", "^200,300"].map((size) => ({
    path: `full/${size}/0/default.jpg`,
    image: SMALL,
    limits: NO_UPSCALING,
    status: 501 as const,
    parameter: "size" as const,
  })),
  ...["301,", "pct:150", "300,201"].map((size) => ({
    path: `full/${size}/0/default.jpg`,
    version: 2 as const,
    image: SMALL,
    limits: NO_UPSCALING,
    status: 400 as const,
    parameter: "size" as const,
  })),
  {
    path: "full/full/0/default.jpg",
    version: 2,
    image: SMALL,
    limits: { maxWidth: 200 },
    status: 400,
    parameter: "size",
  },
  { path: "full/6000,/0/default.jpg", limits: { maxWidth: 3000 }, status: 400, parameter: "size" },
  { path: "full/,4000/0/default.jpg", limits: { maxHeight: 3000 }, status: 400, parameter: "size" },
  {
    path: "full/3000,3000/0/default.jpg",
    limits: { maxArea: 1_000_000 },
    status: 400,
    parameter: "size",
  },
  { path: "full/^20000,/0/default.jpg", status: 400, parameter: "size" },
  // A side that rounds to 0 pixels.
  ...([
    ["full/pct:0.01", [2, 3]],
    ["full/^pct:0.01", [3]],
    ["0,0,3000,1/!1,1", [2, 3]],
    ["0,0,3000,1/^!1,1", [3]],
  ] as const).flatMap(([start, versions]) =>
    versions.map((version) => ({
      path: `${start}/0/default.jpg`,
      version,
      status: 400 as const,
      parameter: "size" as const,
    }))
  ),
  { path: "full/^pct:1000/0/default.jpg", status: 400, parameter: "size" },
  { path: "full/^pct:2147483647/0/default.jpg", status: 400, parameter: "size" },
  { path: "full/^2147483647,2147483647/0/default.jpg", status: 400, parameter: "size" },
];

for (const testCase of VALID) {
  Deno.test(`planImage() plans ${describe(testCase)}`, () => {
    const result = plan(testCase);
    assert.equal(result.canonical, testCase.canonical);
    assert.deepEqual([result.width, result.height], testCase.output);
    if (testCase.region) {
      const [x, y, width, height] = testCase.region;
      assert.deepEqual(result.region, { x, y, width, height });
    }
    if (testCase.decodeScale) assert.equal(result.decodeScale, testCase.decodeScale);
    if (testCase.steps) assert.deepEqual(result.steps, testCase.steps);
  });

  Deno.test(`planImage() plans the canonical form of ${describe(testCase)} identically`, () => {
    const original = withColorAsDefault(plan(testCase));
    assert.deepEqual(withColorAsDefault(plan(testCase, original.canonical)), original);
  });
}

for (const testCase of INVALID) {
  const name = testCase.status === 400 ? "IiifSyntaxError" : "NotImplementedError";
  Deno.test(`planImage() rejects ${describe(testCase)} with ${name}`, () => {
    assertIiifError(() => plan(testCase), testCase);
  });
}

Deno.test("planImage() quotes the size and the computed size when a side rounds to 0", () => {
  assert.throws(() => plan({ path: "full/pct:0.01/0/default.jpg" }), {
    name: "IiifSyntaxError",
    message:
      'Cannot satisfy size "pct:0.01": it gives 1×0 pixels, and each side must be at least 1',
  });
});

Deno.test("planImage() applies the limits to the size before rotation", () => {
  const turned = plan({ path: "full/max/90/default.jpg", limits: { maxHeight: 5000 } });
  assert.deepEqual([turned.width, turned.height], [4000, 6000]);
  const tilted = plan({ path: "full/^max/45/default.jpg" });
  assert.deepEqual([tilted.width, tilted.height], [11785, 11785]);
  const thin = plan({ path: "full/max/0/default.jpg", limits: { maxWidth: 100 } });
  assert.deepEqual([thin.width, thin.height], [100, 67]);
});

Deno.test("planImage() keeps one pixel of a `max` sliver confined by the limits", () => {
  const sliver = { width: 10000, height: 10, scales: [1], hasAlpha: false };
  const result = plan({ path: "full/max/0/default.jpg", image: sliver, limits: { maxWidth: 100 } });
  assert.deepEqual([result.width, result.height], [100, 1]);
  const strip = plan({ path: "0,0,6000,1/max/0/default.jpg", limits: { maxWidth: 1000 } });
  assert.deepEqual([strip.width, strip.height], [1000, 1]);
});

Deno.test("planImage() copies the identifier, version and encoder settings into the plan", () => {
  const result = plan({ path: "full/max/0/gray.webp", version: 2, limits: { jpegQuality: 70 } });
  assert.equal(result.identifier, "id");
  assert.equal(result.version, 2);
  assert.deepEqual(result.encode, {
    format: "webp",
    quality: "gray",
    jpegQuality: 70,
    subsampling: "420",
  });
});

Deno.test("planImage() keeps every resize region inside the decoded image", () => {
  for (const scale of [1, 2, 4, 8]) {
    const result = plan({
      path: `3001,2001,2999,1999/pct:${100 / scale}/0/default.jpg`,
      image: ODD,
    });
    const [step] = result.steps;
    assert.equal(step.op, "resize");
    if (step.op !== "resize") continue;
    assert.ok(step.region.x + step.region.width <= Math.ceil(ODD.width / result.decodeScale));
    assert.ok(step.region.y + step.region.height <= Math.ceil(ODD.height / result.decodeScale));
  }
});

/** A 6001×4001 pyramid whose levels vips rounded down, tiled 256. */
const PYRAMID: SourceImageInfo = {
  width: 6001,
  height: 4001,
  hasAlpha: false,
  scales: [1, 2, 4, 8],
  levels: [
    { width: 6001, height: 4001 },
    { width: 3000, height: 2000 },
    { width: 1500, height: 1000 },
    { width: 750, height: 500 },
  ],
  tile: { width: 256, height: 256 },
};

Deno.test("planImage() maps a pyramid's tile onto its stored level exactly", () => {
  const tile = plan({ path: "1024,2048,1024,1024/256,256/0/default.jpg", image: PYRAMID });
  assert.equal(tile.decodeScale, 4);
  assert.deepEqual(tile.steps, [
    { op: "resize", region: { x: 256, y: 512, width: 256, height: 256 }, width: 256, height: 256 },
  ]);
});

Deno.test("planImage() clamps regions to a pyramid level a pixel short of W / scale", () => {
  const edge = plan({ path: "4096,0,1905,2048/238,256/0/default.jpg", image: PYRAMID });
  assert.equal(edge.decodeScale, 8);
  // 4096 / 8 = 512 and 1905 / 8 = 238.125 would reach 750.125: the level ends at 750.
  assert.deepEqual(edge.steps, [
    { op: "resize", region: { x: 512, y: 0, width: 238, height: 256 }, width: 238, height: 256 },
  ]);
  const full = plan({ path: "full/750,/0/default.jpg", image: PYRAMID });
  assert.equal(full.decodeScale, 8);
  assert.deepEqual(full.steps, [], "the stored level is the answer");
});
