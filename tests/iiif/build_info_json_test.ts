import assert from "node:assert/strict";
import {
  buildInfoJson,
  IIIF_CONTEXT,
  IIIF_PROFILE,
  IIIF_PROTOCOL,
  type InfoJsonOptions,
  parseImageRequest,
  planImage,
  type PlanLimits,
} from "../../src/iiif/mod.ts";

const LIMITS: PlanLimits = {
  maxWidth: 10000,
  maxHeight: 10000,
  maxArea: 100_000_000,
  allowUpscaling: true,
  jpegQuality: 85,
  subsampling: "420",
  bitonalThreshold: 128,
};

const LARGE: InfoJsonOptions = {
  id: "https://example.org/iiif/3/photos%2Fbig.jpg",
  info: { width: 6000, height: 4000 },
  limits: LIMITS,
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
    limits: { ...LIMITS, allowUpscaling: false },
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
  const limits = { ...LIMITS, maxWidth: 3000, maxHeight: 3000, maxArea: 65536 };
  const info = buildInfoJson(3, { ...LARGE, limits, minSizesSize: 90 });
  assert.deepEqual(info.sizes, [{ width: 94, height: 63 }, { width: 188, height: 125 }]);
  assert.deepEqual(info.tiles, [{ width: 256, height: 256, scaleFactors: [1, 2, 4, 8, 16, 32] }]);
  assert.equal(info.maxArea, 65536);
});

Deno.test("buildInfoJson() advertises upscaling only when it is allowed", () => {
  const limits = { ...LIMITS, allowUpscaling: false };
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

Deno.test("buildInfoJson() advertises only sizes and tiles that planImage() serves", () => {
  const limits = { ...LIMITS, allowUpscaling: false, maxArea: 5_000_000 };
  const image = { width: 6001, height: 4001, scales: [1, 2, 4, 8], hasAlpha: false };
  for (const version of [2, 3] as const) {
    const info = buildInfoJson(version, { ...LARGE, info: image, limits, minSizesSize: 50 });
    const tile = info.tiles[0];
    const paths = info.sizes.map(({ width, height }) => `full/${width},${height}/0/default.jpg`);
    for (const factor of tile.scaleFactors) {
      const side = tile.width * factor;
      const width = Math.ceil(Math.min(side, image.width) / factor);
      paths.push(`0,0,${side},${side}/${width},/0/default.jpg`);
    }
    for (const path of paths) {
      const [region, size, rotation, file] = path.split("/");
      const request = parseImageRequest(
        { identifier: "id", region, size, rotation, file },
        version,
      );
      planImage(request, image, limits);
    }
  }
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
