import assert from "node:assert/strict";
import { readSourceInfo } from "../../src/cli/_read_source_info.ts";
import {
  type ByteSource,
  encodeImage,
  probeSource,
  readSourceMetadata,
} from "../../src/codecs/mod.ts";
import { encodeTiff } from "../../src/codecs/encode_tiff.ts";
import { quadrants } from "../codecs/_images.ts";
import { exifSegment, iccSegments, withSegments } from "../codecs/_jpeg_segments.ts";
import { adobeRgbProfile } from "../codecs/colour/_icc_profiles.ts";

/** A source over `bytes` that logs every range read from it. */
function loggedSource(bytes: Uint8Array): { source: ByteSource; reads: [number, number][] } {
  const reads: [number, number][] = [];
  const source = {
    size: bytes.length,
    read(offset: number, length: number) {
      reads.push([offset, offset + length]);
      return Promise.resolve(bytes.slice(offset, offset + length));
    },
  };
  return { source, reads };
}

async function turnedAdobeJpeg(): Promise<Uint8Array> {
  const options = { quality: "default", jpegQuality: 80, subsampling: "420" } as const;
  const jpeg = await encodeImage(quadrants(16, 8), { format: "jpg", ...options });
  const segments = [exifSegment(6, { littleEndian: true }), ...iccSegments(adobeRgbProfile(), 300)];
  return withSegments(jpeg, segments);
}

Deno.test("readSourceInfo() reads no byte twice and finds what probe and metadata reader do", async () => {
  const files = {
    jpeg: await turnedAdobeJpeg(),
    tiff: encodeTiff(quadrants(40, 30)),
  };
  for (const [name, bytes] of Object.entries(files)) {
    const { source, reads } = loggedSource(bytes);
    const info = await readSourceInfo(source);
    const plain = loggedSource(bytes).source;
    const probed = await probeSource(plain);
    assert.deepEqual(info, { probed, metadata: await readSourceMetadata(plain, probed.format) });
    const sorted = reads.toSorted(([a], [b]) => a - b);
    sorted.slice(1).forEach(([start], i) => {
      assert.ok(start >= sorted[i][1], `${name}: bytes from ${start} read again`);
    });
  }
});
