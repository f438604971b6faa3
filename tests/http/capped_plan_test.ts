import assert from "node:assert/strict";
import { AuthorizationRequiredError } from "../../src/access/mod.ts";
import {
  buildInfoJson,
  deepZoomLevelSize,
  deepZoomMaxLevel,
  deepZoomTile,
  type IiifVersion,
  type ImagePlan,
  type ImagePyramid,
  type SourceImageInfo,
} from "../../src/iiif/mod.ts";
import type { ResolvedSource } from "../../src/sources/mod.ts";
import type { ImageAccess } from "../../src/http/access_check.ts";
import { cappedLimits, cappedSize, planForAccess } from "../../src/http/capped_plan.ts";
import { infoWithAccess } from "../../src/http/info_json_access.ts";
import { PLAN_LIMITS, requestOf } from "../fixtures/iiif_plans.ts";

const SOURCE = { ref: { profile: "scans", name: "a.tif" } } as ResolvedSource;

function capped(cap: number): ImageAccess {
  return { verdict: { granted: false, status: 401, reason: "no token" }, cap, personal: true };
}

function plan(path: string, image: SourceImageInfo, access: ImageAccess, version: IiifVersion = 3) {
  return planForAccess(requestOf(`id/${path}`, version), image, {
    limits: PLAN_LIMITS,
    access,
    source: SOURCE,
  });
}

const IMAGES: readonly SourceImageInfo[] = [
  { width: 6000, height: 4000, scales: [1, 2, 4, 8], hasAlpha: false },
  { width: 6001, height: 4001, scales: [1], hasAlpha: false },
  { width: 1200, height: 800, scales: [1], hasAlpha: false },
  { width: 801, height: 3000, scales: [1], hasAlpha: false },
];

/** Each image with each cap, and the capped info.json a client without access gets. */
function cases(): [SourceImageInfo, number, ImagePyramid][] {
  return IMAGES.flatMap((image) =>
    [1000, 333].map((cap): [SourceImageInfo, number, ImagePyramid] => {
      const document = buildInfoJson(3, {
        id: "https://example.org/iiif/3/id",
        info: image,
        limits: cappedLimits(PLAN_LIMITS, cap),
        tileWidth: 512,
        minSizesSize: 100,
      });
      return [image, cap, infoWithAccess(document, { access: capped(cap), image }) as ImagePyramid];
    })
  );
}

Deno.test("planForAccess() serves every size and tile a capped info.json advertises", () => {
  let tiles = 0;
  for (const [image, cap, info] of cases()) {
    for (const { width, height } of info.sizes) {
      const result = plan(`full/${width},${height}/0/default.jpg`, image, capped(cap));
      assert.deepEqual([result.width, result.height], [width, height]);
    }
    for (const { width: side, scaleFactors } of info.tiles ?? []) {
      for (const factor of scaleFactors) {
        const region = side * factor;
        for (let y = 0; y < image.height; y += region) {
          for (let x = 0; x < image.width; x += region) {
            const w = Math.min(region, image.width - x);
            const h = Math.min(region, image.height - y);
            const size = `${Math.ceil(w / factor)},${Math.ceil(h / factor)}`;
            plan(`${x},${y},${w},${h}/${size}/0/default.jpg`, image, capped(cap));
            tiles++;
          }
        }
      }
    }
  }
  assert.ok(tiles > 10, `only ${tiles} tiles`);
});

Deno.test("planForAccess() refuses with 401 what is finer than the capped whole image", () => {
  for (const [image, cap, info] of cases()) {
    const smallest = Math.min(...(info.tiles ?? [{ scaleFactors: [Infinity] }])[0].scaleFactors);
    const finer = Number.isFinite(smallest) ? smallest / 2 : 1;
    const side = 256;
    const path = `0,0,${side * finer},${side * finer}/${side},/0/default.jpg`;
    assert.throws(() => plan(path, image, capped(cap)), AuthorizationRequiredError, path);
    const bigger = `full/^${cap + 1},/0/default.jpg`;
    assert.throws(() => plan(bigger, image, capped(cap)), AuthorizationRequiredError, bigger);
  }
});

Deno.test("planForAccess() shrinks max to the cap, and leaves full access alone", () => {
  const image = IMAGES[0];
  const max: ImagePlan = plan("full/max/0/default.jpg", image, capped(500));
  assert.deepEqual([max.width, max.height], [500, 333]);
  const full = capped(500);
  const granted: ImageAccess = { verdict: { granted: true }, cap: null, personal: true };
  assert.equal(plan("full/max/0/default.jpg", image, granted).width, 6000);
  // A request invalid with full access stays a 400, not a 401.
  assert.throws(() => plan("full/0,/0/default.jpg", image, full), { name: "IiifSyntaxError" });
  assert.throws(
    () => plan("full/full/0/default.jpg", IMAGES[1], full, 2),
    AuthorizationRequiredError,
  );
});

Deno.test("cappedLimits() never raises a configured limit", () => {
  assert.deepEqual(
    cappedLimits({ maxWidth: 400, maxHeight: 10000, maxArea: 1e8 }, 1000),
    { maxWidth: 400, maxHeight: 1000, maxArea: 1e6 },
  );
});

Deno.test("cappedSize() is the capped full/max, within configured limits too", () => {
  const image = { width: 1000, height: 700, scales: [1], hasAlpha: false };
  assert.deepEqual(cappedSize(image, { limits: PLAN_LIMITS, cap: 300 }), {
    width: 300,
    height: 210,
  });
  assert.deepEqual(cappedSize(image, { limits: PLAN_LIMITS, cap: 2000 }), {
    width: 1000,
    height: 700,
  });
  const narrow = { ...PLAN_LIMITS, maxWidth: 200 };
  assert.deepEqual(cappedSize(image, { limits: narrow, cap: 300 }), { width: 200, height: 140 });
});

Deno.test("planForAccess() serves every DeepZoom tile of the capped image at its exact size", () => {
  const layout = { tileSize: 254, overlap: 1 };
  for (const [width, height, cap] of [[1000, 700, 300], [301, 150, 300], [599, 7, 300]]) {
    for (let extra = 0; extra < 40; extra++) {
      const image = {
        width: width + 13 * extra,
        height: height + 7 * extra,
        scales: [1],
        hasAlpha: false,
      };
      const shown = cappedSize(image, { limits: PLAN_LIMITS, cap });
      for (let level = 0; level <= deepZoomMaxLevel(shown); level++) {
        const levelSize = deepZoomLevelSize(shown, level);
        for (let col = 0; col * layout.tileSize < levelSize.width; col++) {
          for (let row = 0; row * layout.tileSize < levelSize.height; row++) {
            const tile = deepZoomTile(image, { level, col, row }, { ...layout, shown })!;
            const { x, y, width: w, height: h } = tile.region;
            const path = `${x},${y},${w},${h}/${tile.width},${tile.height}/0/default.jpg`;
            const planned = plan(path, image, capped(cap));
            const at = `${image.width}×${image.height} ${level}/${col}_${row}`;
            assert.deepEqual([planned.width, planned.height], [tile.width, tile.height], at);
          }
        }
      }
    }
  }
});
