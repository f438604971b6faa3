import assert from "node:assert/strict";
import { probeJpeg, readJpegHeader } from "../../src/codecs/probe_jpeg.ts";
import { TurboJpeg } from "../../src/codecs/turbojpeg.ts";
import { concat, quadrants } from "./_images.ts";
import { cmykJpeg } from "./_jpeg_fixtures.ts";
import { exifSegment, iccSegments, type Segment, withSegments } from "./_jpeg_segments.ts";

const plain = TurboJpeg.open("libturbojpeg.so.0").encodeSync(quadrants(40, 30), {
  jpegQuality: 80,
  subsampling: "420",
  gray: false,
});
const profile = Uint8Array.from({ length: 1000 }, (_, index) => index % 251);
const [first, second, third] = iccSegments(profile, 400);
const xmp: Segment = {
  code: 0xe1,
  payload: new TextEncoder().encode("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"),
};

Deno.test("readJpegHeader() reads size, components, orientation and profile", () => {
  const jpeg = withSegments(plain, [
    xmp,
    exifSegment(8, { littleEndian: false }),
    first,
    second,
    third,
  ]);
  assert.deepEqual(readJpegHeader(jpeg), {
    width: 40,
    height: 30,
    components: 3,
    orientation: 8,
    iccProfile: profile,
  });
});

Deno.test("readJpegHeader() gives orientation 1 and no profile to a plain JPEG", () => {
  assert.deepEqual(readJpegHeader(plain), { width: 40, height: 30, components: 3, orientation: 1 });
});

Deno.test("readJpegHeader() reads the first EXIF block only", () => {
  const jpeg = withSegments(plain, [
    exifSegment(6, { littleEndian: true }),
    exifSegment(3, { littleEndian: true }),
  ]);
  assert.equal(readJpegHeader(jpeg)?.orientation, 6);
});

Deno.test("readJpegHeader() joins ICC chunks by their numbers", () => {
  const jpeg = withSegments(plain, [third, first, second]);
  assert.deepEqual(readJpegHeader(jpeg)?.iccProfile, profile);
});

/** Chunk sets libjpeg's `jpeg_read_icc_profile` refuses too. */
const INCONSISTENT_CHUNKS: readonly [string, Segment[]][] = [
  ["a chunk missing", [first, third]],
  ["a chunk twice", [first, second, second, third]],
  ["a chunk numbered 0", [first, second, renumber(third, 0)]],
  ["a chunk numbered past the count", [first, second, renumber(third, 4)]],
  ["chunks that disagree on the count", [first, second, recount(third, 4)]],
  ["a chunk too short for its header", [first, second, {
    code: 0xe2,
    payload: third.payload.subarray(0, 12),
  }]],
];

for (const [name, segments] of INCONSISTENT_CHUNKS) {
  Deno.test(`readJpegHeader() ignores an ICC profile with ${name}`, () => {
    const header = readJpegHeader(withSegments(plain, segments));
    assert.equal(header?.iccProfile, undefined);
    assert.equal(header?.width, 40);
  });
}

Deno.test("readJpegHeader() reads CMYK (4 components)", () => {
  assert.deepEqual(readJpegHeader(cmykJpeg()), {
    width: 16,
    height: 16,
    components: 4,
    orientation: 1,
  });
  assert.deepEqual(probeJpeg(cmykJpeg()), { width: 16, height: 16, hasAlpha: false });
});

Deno.test("readJpegHeader() answers undefined until the head reaches the frame header", () => {
  const jpeg = withSegments(plain, [exifSegment(6, { littleEndian: true }), first, second, third]);
  const sof = jpeg.findIndex((byte, index) => byte === 0xff && jpeg[index + 1] === 0xc0);
  for (const length of [3, 20, 500, sof + 5]) {
    assert.equal(readJpegHeader(jpeg.subarray(0, length)), undefined, `first ${length} bytes`);
  }
  assert.deepEqual(probeJpeg(jpeg.subarray(0, sof + 10)), {
    width: 30,
    height: 40,
    hasAlpha: false,
  });
});

Deno.test("probeJpeg() reads a zero-filled EXIF block as orientation 1", () => {
  const zeros = {
    code: 0xe1,
    payload: concat([new TextEncoder().encode("Exif\0\0"), new Uint8Array(600)]),
  };
  assert.deepEqual(probeJpeg(withSegments(plain, [zeros])), {
    width: 40,
    height: 30,
    hasAlpha: false,
  });
});

function renumber(segment: Segment, number: number): Segment {
  const payload = segment.payload.slice();
  payload[12] = number;
  return { code: segment.code, payload };
}

function recount(segment: Segment, count: number): Segment {
  const payload = segment.payload.slice();
  payload[13] = count;
  return { code: segment.code, payload };
}
