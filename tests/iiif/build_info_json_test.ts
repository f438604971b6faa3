import assert from "node:assert/strict";
import {
  buildInfoJson,
  IIIF_CONTEXT,
  IIIF_PROFILE,
  IIIF_PROTOCOL,
  type IiifVersion,
  type ImageInformation2,
  type ImageInformation3,
  type ImagePlan,
  type InfoJsonOptions,
  planImage,
  type PlanLimits,
  type SourceImageInfo,
} from "../../src/iiif/mod.ts";
import { PLAN_LIMITS, requestOf } from "../fixtures/iiif_plans.ts";

const LARGE: InfoJsonOptions = {
  id: "https://example.org/iiif/3/photos%2Fbig.jpg",
  info: { width: 6000, height: 4000 },
  limits: PLAN_LIMITS,
  tileWidth: 512,
  minSizesSize: 200,
};

const SMALL: InfoJsonOptions = { ...LARGE, info: { width: 300, height: 200 } };

const FEATURES_3 = [
  "baseUriRedirect",
  "canonicalLinkHeader",
  "cors",
  "jsonldMediaType",
  "mirroring",
  "profileLinkHeader",
  "regionByPct",
  "regionByPx",
  "regionSquare",
  "rotationArbitrary",
  "rotationBy90s",
  "sizeByConfinedWh",
  "sizeByH",
  "sizeByPct",
  "sizeByW",
  "sizeByWh",
];

const SUPPORTS_2 = [
  "baseUriRedirect",
  "canonicalLinkHeader",
  "cors",
  "jsonldMediaType",
  "mirroring",
  "profileLinkHeader",
  "regionByPct",
  "regionByPx",
  "regionSquare",
  "rotationArbitrary",
  "rotationBy90s",
  "sizeByConfinedWh",
  "sizeByDistortedWh",
  "sizeByForcedWh",
  "sizeByH",
  "sizeByPct",
  "sizeByW",
  "sizeByWh",
  "sizeByWhListed",
];

const LARGE_SIZES = [
  { width: 375, height: 250 },
  { width: 750, height: 500 },
  { width: 1500, height: 1000 },
  { width: 3000, height: 2000 },
  { width: 6000, height: 4000 },
];

Deno.test("buildInfoJson() describes a 6000×4000 image in 3.0", () => {
  const info = buildInfoJson(3, {
    ...LARGE,
    rights: "http://rightsstatements.org/vocab/NoC-US/1.0/",
  });
  assert.deepEqual(info, {
    "@context": "http://iiif.io/api/image/3/context.json",
    id: "https://example.org/iiif/3/photos%2Fbig.jpg",
    type: "ImageService3",
    protocol: "http://iiif.io/api/image",
    profile: "level2",
    width: 6000,
    height: 4000,
    maxWidth: 10000,
    maxHeight: 10000,
    maxArea: 100_000_000,
    sizes: LARGE_SIZES,
    tiles: [{ width: 512, height: 512, scaleFactors: [1, 2, 4, 8, 16] }],
    extraFormats: ["webp", "gif", "tif"],
    extraQualities: ["color", "gray", "bitonal"],
    extraFeatures: [...FEATURES_3, "sizeUpscaling"],
    preferredFormats: ["jpg"],
    rights: "http://rightsstatements.org/vocab/NoC-US/1.0/",
  });
  assert.equal(Object.keys(info)[0], "@context");
});

Deno.test("buildInfoJson() describes a 6000×4000 image in 2.1", () => {
  const info = buildInfoJson(2, {
    ...LARGE,
    id: "https://example.org/iiif/2/photos%2Fbig.jpg",
    limits: { ...PLAN_LIMITS, allowUpscaling: false },
    rights: "https://creativecommons.org/licenses/by/4.0/",
  });
  assert.deepEqual(info, {
    "@context": "http://iiif.io/api/image/2/context.json",
    "@id": "https://example.org/iiif/2/photos%2Fbig.jpg",
    protocol: "http://iiif.io/api/image",
    width: 6000,
    height: 4000,
    profile: ["http://iiif.io/api/image/2/level2.json", {
      formats: ["jpg", "png", "webp", "gif", "tif"],
      qualities: ["default", "color", "gray", "bitonal"],
      supports: SUPPORTS_2,
      maxWidth: 10000,
      maxHeight: 10000,
      maxArea: 100_000_000,
    }],
    sizes: LARGE_SIZES,
    tiles: [{ width: 512, height: 512, scaleFactors: [1, 2, 4, 8, 16] }],
    license: "https://creativecommons.org/licenses/by/4.0/",
  });
  assert.equal(Object.keys(info)[0], "@context");
});

Deno.test("buildInfoJson() describes a 300×200 image with one size and one scale factor", () => {
  for (const version of [2, 3] as const) {
    const info = buildInfoJson(version, SMALL);
    assert.deepEqual(info.sizes, [{ width: 300, height: 200 }]);
    assert.deepEqual(info.tiles, [{ width: 512, height: 512, scaleFactors: [1] }]);
  }
});

Deno.test("buildInfoJson() lists smaller sizes down to minSizesSize", () => {
  const info = buildInfoJson(3, { ...SMALL, minSizesSize: 75 });
  assert.deepEqual(info.sizes, [
    { width: 75, height: 50 },
    { width: 150, height: 100 },
    { width: 300, height: 200 },
  ]);
});

Deno.test("buildInfoJson() lists the full size when the image is below minSizesSize", () => {
  const info = buildInfoJson(3, { ...SMALL, minSizesSize: 1000 });
  assert.deepEqual(info.sizes, [{ width: 300, height: 200 }]);
});

Deno.test("buildInfoJson() leaves out sizes above the limits and shrinks tiles to fit", () => {
  const limits = { ...PLAN_LIMITS, maxWidth: 3000, maxHeight: 3000, maxArea: 65536 };
  const info = buildInfoJson(3, { ...LARGE, limits, minSizesSize: 90 });
  assert.deepEqual(info.sizes, [{ width: 94, height: 63 }, { width: 188, height: 125 }]);
  assert.deepEqual(info.tiles, [{ width: 256, height: 256, scaleFactors: [1, 2, 4, 8, 16, 32] }]);
  assert.equal(info.maxArea, 65536);
});

Deno.test("buildInfoJson() advertises upscaling only when it is allowed", () => {
  const limits = { ...PLAN_LIMITS, allowUpscaling: false };
  const info3 = buildInfoJson(3, { ...LARGE, limits });
  const info2 = buildInfoJson(2, { ...LARGE, limits });
  assert.deepEqual(info3.extraFeatures, FEATURES_3);
  assert.deepEqual(info2.profile[1].supports, SUPPORTS_2);
  assert.ok(buildInfoJson(2, LARGE).profile[1].supports.includes("sizeAboveFull"));
});

Deno.test("buildInfoJson() leaves out rights and license when none is given", () => {
  assert.equal("rights" in buildInfoJson(3, { ...LARGE, rights: null }), false);
  assert.equal("license" in buildInfoJson(2, LARGE), false);
});

Deno.test("buildInfoJson() survives a JSON round trip unchanged", () => {
  for (const version of [2, 3] as const) {
    const info = buildInfoJson(version, LARGE);
    assert.deepEqual(JSON.parse(JSON.stringify(info)), info);
  }
});

/** Awkward sizes: odd sides, edge tiles of 1 px after reduction, a tall and a barely-wide image. */
const AWKWARD_IMAGES: readonly SourceImageInfo[] = [
  [6000, 4000],
  [6001, 4001],
  [1001, 601],
  [513, 2049],
].map(([width, height]) => ({ width, height, scales: [1, 2, 4, 8], hasAlpha: false }));

const AWKWARD_LIMITS: readonly PlanLimits[] = [
  PLAN_LIMITS,
  { ...PLAN_LIMITS, allowUpscaling: false, maxArea: 5_000_000 },
];

/** Every image, limit set and version, with the info.json built for them. */
function awkwardCases(): [SourceImageInfo, PlanLimits, IiifVersion, ImageInformation][] {
  return AWKWARD_IMAGES.flatMap((image) =>
    AWKWARD_LIMITS.flatMap((limits) =>
      ([2, 3] as const).map((version) => {
        const info = buildInfoJson(version, { ...LARGE, info: image, limits, minSizesSize: 50 });
        return [image, limits, version, info] as [
          SourceImageInfo,
          PlanLimits,
          IiifVersion,
          ImageInformation,
        ];
      })
    )
  );
}

type ImageInformation = ImageInformation2 | ImageInformation3;

function planPath(
  path: string,
  version: IiifVersion,
  image: SourceImageInfo,
  limits: PlanLimits,
): ImagePlan {
  return planImage(requestOf(`id/${path}`, version), image, limits);
}

/** A tile's region, as OpenSeadragon cuts the image at one scale factor. */
interface TileRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function tileRegions(image: SourceImageInfo, tile: number, factor: number): TileRegion[] {
  const side = tile * factor;
  const regions = [];
  for (let y = 0; y < image.height; y += side) {
    for (let x = 0; x < image.width; x += side) {
      regions.push({
        x,
        y,
        width: Math.min(side, image.width - x),
        height: Math.min(side, image.height - y),
      });
    }
  }
  return regions;
}

Deno.test("buildInfoJson() advertises sizes that planImage() serves at exactly that size", () => {
  for (const [image, limits, version, info] of awkwardCases()) {
    assert.ok(info.sizes.length > 0);
    for (const { width, height } of info.sizes) {
      const path = `full/${width},${height}/0/default.jpg`;
      const result = planPath(path, version, image, limits);
      assert.deepEqual([result.width, result.height], [width, height], `${path} (${version})`);
    }
  }
});

Deno.test("buildInfoJson() advertises tiles that planImage() serves as OpenSeadragon asks", () => {
  let tiles = 0;
  for (const [image, limits, version, info] of awkwardCases()) {
    const [{ width: tile, height, scaleFactors }] = info.tiles;
    assert.equal(height, tile);
    for (const factor of scaleFactors) {
      for (const region of tileRegions(image, tile, factor)) {
        // OpenSeadragon asks for ceil(region / factor): `w,h` in 3.0, `w,` in 2.1, whose height
        // keeps the region's aspect ratio (rounded, at least 1 pixel for the thinnest edge tiles).
        const width = Math.ceil(region.width / factor);
        const expected = version === 3
          ? Math.ceil(region.height / factor)
          : Math.max(1, Math.round(region.height * width / region.width));
        const size = version === 3 ? `${width},${expected}` : `${width},`;
        const path = `${region.x},${region.y},${region.width},${region.height}/${size}` +
          "/0/default.jpg";
        const result = planPath(path, version, image, limits);
        assert.deepEqual([result.width, result.height], [width, expected], `${path} (${version})`);
        tiles++;
      }
    }
  }
  assert.ok(tiles > 1000, `only ${tiles} tiles`);
});

Deno.test("IIIF_CONTEXT, IIIF_PROFILE and IIIF_PROTOCOL hold the http URIs of the specs", () => {
  assert.deepEqual(IIIF_CONTEXT, {
    2: "http://iiif.io/api/image/2/context.json",
    3: "http://iiif.io/api/image/3/context.json",
  });
  assert.deepEqual(IIIF_PROFILE, {
    2: "http://iiif.io/api/image/2/level2.json",
    3: "http://iiif.io/api/image/3/level2.json",
  });
  assert.equal(IIIF_PROTOCOL, "http://iiif.io/api/image");
});

Deno.test("buildInfoJson() advertises a pyramid's stored tiles and level sizes", () => {
  const info = {
    width: 6001,
    height: 4001,
    levels: [
      { width: 6001, height: 4001 },
      { width: 3000, height: 2000 },
      { width: 1500, height: 1000 },
      { width: 750, height: 500 },
    ],
    tile: { width: 256, height: 128 },
  };
  const json = buildInfoJson(3, { ...LARGE, info }) as ImageInformation3;
  assert.deepEqual(json.tiles, [{ width: 256, height: 128, scaleFactors: [1, 2, 4, 8, 16, 32] }]);
  assert.deepEqual(json.sizes, [...info.levels].reverse());
});
