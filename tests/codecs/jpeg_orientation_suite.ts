import assert from "node:assert/strict";
import type { JpegCodec, JpegEncodeOptions } from "../../src/codecs/jpeg_codec.ts";
import { EXIF_ORIENTATIONS } from "../../src/codecs/orientation/mod.ts";
import { probeJpeg } from "../../src/codecs/probe_jpeg.ts";
import { assertQuadrants, quadrants } from "./_images.ts";
import { exifSegment, segmentsOf, withSegments } from "./_jpeg_segments.ts";
import { storedFor } from "./orientation/_stored_for.ts";

const allocate = (byteLength: number) => new Uint8Array(byteLength);
const OPTIONS: JpegEncodeOptions = { jpegQuality: 90, subsampling: "444", gray: false };
/** The upright picture's size: at 1/8 it still has 16×12 pixels, 8×6 a quadrant. */
const WIDTH = 128;
const HEIGHT = 96;

/**
 * A JPEG of {@linkcode quadrants} as a camera stores it with EXIF orientation `orientation`,
 * written by `codec`, with an APP1 EXIF block spliced in (big-endian for odd orientations).
 */
export async function orientedJpeg(codec: JpegCodec, orientation: number): Promise<Uint8Array> {
  const stored = storedFor(quadrants(WIDTH, HEIGHT), orientation);
  const jpeg = await codec.encode(stored, OPTIONS);
  return withSegments(jpeg, [exifSegment(orientation, { littleEndian: orientation % 2 === 0 })]);
}

/** EXIF orientation: what every {@linkcode JpegCodec} must do with it. */
export function runJpegOrientationSuite(codec: JpegCodec): void {
  const name = codec.name;

  for (const orientation of EXIF_ORIENTATIONS) {
    Deno.test(`${name} JpegCodec.decode() shows EXIF orientation ${orientation} upright at every scale`, async () => {
      const jpeg = await orientedJpeg(codec, orientation);
      assert.deepEqual(probeJpeg(jpeg), { width: WIDTH, height: HEIGHT, hasAlpha: false });
      for (const scale of codec.scales) {
        const decoded = await codec.decode(jpeg, scale, allocate);
        const size = [Math.ceil(WIDTH / scale), Math.ceil(HEIGHT / scale)];
        assert.deepEqual([decoded.width, decoded.height], size, `at scale ${scale}`);
        assertQuadrants(decoded, 12);
      }
    });
  }

  Deno.test(`${name} JpegCodec.decode() turns a picture upright into a buffer from allocate`, async () => {
    const jpeg = await orientedJpeg(codec, 6);
    const handedOut: Uint8Array[] = [];
    const decoded = await codec.decode(jpeg, 1, (byteLength) => {
      // Longer than asked, as a pool's size classes are; the tail must stay untouched.
      handedOut.push(new Uint8Array(byteLength + 64).fill(99));
      return handedOut[handedOut.length - 1];
    });
    assert.ok(handedOut.includes(decoded.data));
    assert.ok(decoded.data.subarray(WIDTH * HEIGHT * 4).every((byte) => byte === 99));
    assertQuadrants(decoded, 12);
  });

  Deno.test(`${name} JpegCodec.encode() writes no EXIF and no ICC profile`, async () => {
    const decoded = await codec.decode(await orientedJpeg(codec, 8), 1, allocate);
    const jpeg = await codec.encode(decoded, OPTIONS);
    const codes = segmentsOf(jpeg).map((segment) => segment.code);
    assert.ok(!codes.includes(0xe1), `APP1 in ${codes}`);
    assert.ok(!codes.includes(0xe2), `APP2 in ${codes}`);
    assert.deepEqual(probeJpeg(jpeg), { width: WIDTH, height: HEIGHT, hasAlpha: false });
  });
}
