import assert from "node:assert/strict";
import { encodeTiff } from "../../src/codecs/encode_tiff.ts";
import {
  CorruptSourceError,
  encodeImage,
  jpegCodecInfo,
  probeImage,
  UnsupportedSourceError,
} from "../../src/codecs/mod.ts";
import type { ProbedImage } from "../../src/codecs/mod.ts";
import type { EncodeOptions } from "../../src/iiif/image_plan.ts";
import { buildPng, concat, idat, ihdr, quadrants } from "./_images.ts";

const options = (format: EncodeOptions["format"]): EncodeOptions => ({
  format,
  quality: "default",
  jpegQuality: 85,
  subsampling: "420",
});
const bytes = (...values: (number | string)[]) =>
  concat(
    values.map((value) =>
      typeof value === "string" ? new TextEncoder().encode(value) : new Uint8Array([value])
    ),
  );
const le16 = (value: number) => [value & 0xff, value >> 8];
const le32 = (value: number) => [...le16(value & 0xffff), ...le16(value >>> 16)];

/** SOI, then an SOFn segment (`code`) with the given precision, size and component count. */
function jpegHeader(code: number, precision: number, size: [number, number], components: number) {
  const [width, height] = size;
  return bytes(
    0xff,
    0xd8,
    0xff,
    code,
    0,
    8 + 3 * components,
    precision,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    components,
  );
}

/** A JPEG whose frame header comes after a 65,533-byte APP1 segment and fill bytes. */
async function jpegWithLargeApp1(): Promise<Uint8Array> {
  const jpeg = await encodeImage(quadrants(300, 200), options("jpg"));
  const app1 = new Uint8Array(2 + 65533);
  app1.set([0xff, 0xe1, 0xff, 0xff]);
  app1.set(new TextEncoder().encode("Exif\0\0"), 4);
  return concat([jpeg.subarray(0, 2), app1, new Uint8Array([0xff, 0xff, 0xff]), jpeg.subarray(2)]);
}

/** A GIF header with a two-colour global table. */
const gifScreen = (width: number, height: number) =>
  bytes("GIF89a", ...le16(width), ...le16(height), 0x80, 0, 0, 0, 0, 0, 255, 255, 255);
const gifImage = (x: number, y: number, width: number, height: number) =>
  bytes(0x2c, ...le16(x), ...le16(y), ...le16(width), ...le16(height), 0);
const riff = (chunk: string, payload: Uint8Array) =>
  concat([
    bytes("RIFF", ...le32(payload.length + 12), "WEBP", chunk, ...le32(payload.length)),
    payload,
  ]);

const jpegScales = jpegCodecInfo().scales;
const indexOfBytes = (file: Uint8Array, sequence: string | number[], from = 0) => {
  const wanted = typeof sequence === "string" ? [...new TextEncoder().encode(sequence)] : sequence;
  for (let index = from; index < file.length; index++) {
    if (wanted.every((byte, offset) => file[index + offset] === byte)) return index;
  }
  throw new Error(`No ${sequence} in the file`);
};
const transparentGif = concat([
  gifScreen(5, 4),
  bytes(0x21, 0xf9, 4, 1, 0, 0, 1, 0),
  gifImage(0, 0, 5, 4),
]);
const fixtures = {
  jpeg: await encodeImage(quadrants(301, 199), options("jpg")),
  jpegApp1: await jpegWithLargeApp1(),
  png: await encodeImage(quadrants(33, 17, { alpha: true }), options("png")),
  gif: await encodeImage(quadrants(40, 30), options("gif")),
  webp: await encodeImage(quadrants(64, 40), options("webp")),
  webpAlpha: await encodeImage(quadrants(64, 40, { alpha: true }), options("webp")),
};
const grayPng = buildPng([["IHDR", ihdr(3, 2, 8, 0)], ["IDAT", idat([[1, 2, 3], [4, 5, 6]])], [
  "IEND",
  new Uint8Array(),
]]);
const palettePng = buildPng([
  ["IHDR", ihdr(2, 1, 8, 3)],
  ["PLTE", new Uint8Array([255, 0, 0, 0, 0, 255])],
  ["tEXt", new Uint8Array(3000)],
  ["tRNS", new Uint8Array([0])],
  ["IDAT", idat([[0, 1]])],
  ["IEND", new Uint8Array()],
]);

const PROBES: readonly [
  string,
  Uint8Array,
  Omit<ProbedImage, "scales"> & { scales?: readonly number[] },
][] = [
  ["a JPEG", fixtures.jpeg, {
    format: "jpeg",
    width: 301,
    height: 199,
    hasAlpha: false,
    scales: jpegScales,
  }],
  ["a JPEG with a 64 KiB APP1 and fill bytes", fixtures.jpegApp1, {
    format: "jpeg",
    width: 300,
    height: 200,
    hasAlpha: false,
  }],
  ["a progressive JPEG header (SOF2)", jpegHeader(0xc2, 8, [5000, 7000], 3), {
    format: "jpeg",
    width: 5000,
    height: 7000,
    hasAlpha: false,
  }],
  [
    "a JPEG header with extraneous bytes between segments, as libjpeg skips them",
    concat([
      bytes(0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0x12, 0x34),
      jpegHeader(0xc0, 8, [7, 9], 3).subarray(2),
    ]),
    { format: "jpeg", width: 7, height: 9, hasAlpha: false },
  ],
  ["a gray JPEG header", jpegHeader(0xc0, 8, [10, 20], 1), {
    format: "jpeg",
    width: 10,
    height: 20,
    hasAlpha: false,
  }],
  ["an RGBA PNG", fixtures.png, { format: "png", width: 33, height: 17, hasAlpha: true }],
  ["a gray PNG", grayPng, { format: "png", width: 3, height: 2, hasAlpha: false }],
  ["a palette PNG with tRNS after a 3000-byte chunk", palettePng, {
    format: "png",
    width: 2,
    height: 1,
    hasAlpha: true,
  }],
  ["an opaque GIF", fixtures.gif, { format: "gif", width: 40, height: 30, hasAlpha: false }],
  [
    "a GIF with a transparent colour",
    transparentGif,
    { format: "gif", width: 5, height: 4, hasAlpha: true },
  ],
  [
    "a GIF whose first frame leaves a margin",
    concat([gifScreen(5, 4), bytes(0x21, 0xfe, 2, 65, 66, 0), gifImage(1, 0, 4, 4)]),
    { format: "gif", width: 5, height: 4, hasAlpha: true },
  ],
  ["a lossy WebP", fixtures.webp, { format: "webp", width: 64, height: 40, hasAlpha: false }],
  ["a WebP with alpha", fixtures.webpAlpha, {
    format: "webp",
    width: 64,
    height: 40,
    hasAlpha: true,
  }],
  [
    "a lossless WebP header",
    riff("VP8L", bytes(0x2f, ...le32((1 << 28) | (299 << 14) | 399), ...new Array(10).fill(0))),
    { format: "webp", width: 400, height: 300, hasAlpha: true },
  ],
];

for (const [name, head, expected] of PROBES) {
  Deno.test(`probeImage() reads ${name}`, () => {
    assert.deepEqual(probeImage(head), {
      scales: [1],
      ...expected,
      ...(expected.format === "jpeg" ? { scales: jpegScales } : {}),
    });
  });
}

Deno.test("probeImage() returns undefined for every head that ends before the header", () => {
  const sofEnd = indexOfBytes(fixtures.jpegApp1, [0xff, 0xc0], 65535) + 10;
  const cases: [Uint8Array, number][] = [
    [fixtures.jpegApp1, sofEnd],
    [fixtures.png, 33],
    [palettePng, indexOfBytes(palettePng, "tRNS") + 4],
    [transparentGif, transparentGif.length],
    [fixtures.webp, 30],
  ];
  for (const [file, headerEnd] of cases) {
    for (const length of [0, 1, 2, 3, 5, 11, 12, 13, 29, 1000, 65000, headerEnd - 1]) {
      if (length >= headerEnd) continue;
      assert.equal(
        probeImage(file.subarray(0, length)),
        undefined,
        `${length} of ${headerEnd} bytes`,
      );
    }
    assert.notEqual(probeImage(file.subarray(0, headerEnd + 10)), undefined);
  }
});

const UNSUPPORTED: readonly [string, Uint8Array, RegExp][] = [
  ["BMP", bytes("BM", ...new Array(20).fill(0)), /BMP/],
  ["text", bytes("hello, world"), /unknown signature "68 65 6c 6c 6f 2c 20 77"/],
  ["a 12-bit JPEG", jpegHeader(0xc1, 12, [10, 10], 3), /precision "12"/],
  ["a lossless JPEG", jpegHeader(0xc3, 8, [10, 10], 3), /lossless/],
  ["an animated WebP", riff("VP8X", bytes(0x02, 0, 0, 0, 9, 0, 0, 9, 0, 0)), /animated/],
];

Deno.test("probeImage() sends TIFF and JPEG 2000 to probeSource, whose headers may lie anywhere", () => {
  const heads = [
    encodeTiff(quadrants(4, 4)),
    bytes("MM", 0, 42, 0, 0, 0, 8),
    bytes(0, 0, 0, 12, "jP  ", 13, 10, 0x87, 10, 0, 0, 0, 20, "ftypjp2 "),
  ];
  for (const head of heads) assert.throws(() => probeImage(head), TypeError);
});

Deno.test("probeImage() reads a CMYK JPEG's header", () => {
  const probed = probeImage(jpegHeader(0xc0, 8, [10, 10], 4));
  assert.deepEqual({ ...probed, scales: [] }, {
    format: "jpeg",
    width: 10,
    height: 10,
    hasAlpha: false,
    scales: [],
  });
});

for (const [name, head, message] of UNSUPPORTED) {
  Deno.test(`probeImage() rejects ${name} with UnsupportedSourceError`, () => {
    assert.throws(
      () => probeImage(head),
      (error) => error instanceof UnsupportedSourceError && message.test(error.message),
    );
  });
}

const CORRUPT: readonly [string, Uint8Array, RegExp][] = [
  [
    "a JPEG with scan data before its frame header",
    bytes(0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0),
    /no frame header/,
  ],
  ["a JPEG with a segment length of 1", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 1, 0, 0), /length "1"/],
  ["a JPEG of width 0", jpegHeader(0xc0, 8, [0, 10], 3), /width/],
  [
    "a PNG without IHDR",
    buildPng([["IDAT", new Uint8Array(13)], ["IEND", new Uint8Array(20)]]),
    /"IDAT", not IHDR/,
  ],
  [
    "a PNG of bit depth 3",
    buildPng([["IHDR", ihdr(1, 1, 3, 2)], ["IEND", new Uint8Array(20)]]),
    /bit depth "3"/,
  ],
  [
    "a PNG of height 0",
    buildPng([["IHDR", ihdr(1, 0, 8, 2)], ["IEND", new Uint8Array(20)]]),
    /size "1x0"/,
  ],
  ["a GIF of width 0", gifScreen(0, 4), /screen size "0x4"/],
  ["a GIF with no image", concat([gifScreen(5, 4), bytes(0x3b, 0)]), /trailer/],
  ["a WebP with an unknown chunk", riff("ABCD", new Uint8Array(10)), /"ABCD"/],
  ["a VP8 WebP without its start code", riff("VP8 ", new Uint8Array(10)), /start code/],
];

for (const [name, head, message] of CORRUPT) {
  Deno.test(`probeImage() rejects ${name} with CorruptSourceError`, () => {
    assert.throws(
      () => probeImage(head),
      (error) => error instanceof CorruptSourceError && message.test(error.message),
    );
  });
}
