import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import {
  CorruptSourceError,
  encodeImage,
  readSourceMetadata,
  type SourceFormat,
  type SourceMetadata,
} from "../../src/codecs/mod.ts";
import { buildPng, concat, idat, ihdr, quadrants } from "./_images.ts";
import { exifSegment, iccSegments, type Segment, withSegments } from "./_jpeg_segments.ts";
import { vips, withTempDir } from "./_vips.ts";
import { adobeRgbProfile } from "./colour/_icc_profiles.ts";
import { withColourSpecification } from "./jp2/_box_editing.ts";
import { compressJp2, testImage } from "./jp2/_jp2_fixtures.ts";

const PROFILE = adobeRgbProfile();
/** What every reader must report for {@linkcode PROFILE}, which Little CMS names so. */
const ICC = { bytes: PROFILE.length, description: "RGB built-in", colourSpace: "RGB" };

function read(bytes: Uint8Array, format: SourceFormat): Promise<SourceMetadata> {
  const source = {
    size: bytes.length,
    read: (at: number, length: number) => Promise.resolve(bytes.slice(at, at + length)),
  };
  return readSourceMetadata(source, format);
}

async function jpegWith(segments: readonly Segment[]): Promise<Uint8Array> {
  const options = { quality: "default", jpegQuality: 80, subsampling: "420" } as const;
  const jpeg = await encodeImage(quadrants(16, 8), { format: "jpg", ...options });
  return withSegments(jpeg, segments);
}

Deno.test("readSourceMetadata() reads a JPEG's EXIF orientation (applied) and APP2 profile", async () => {
  const jpeg = await jpegWith([
    exifSegment(6, { littleEndian: true }),
    ...iccSegments(PROFILE, 200),
  ]);
  assert.deepEqual(await read(jpeg, "jpeg"), {
    orientation: { value: 6, applied: true },
    icc: ICC,
  });
});

Deno.test("readSourceMetadata() reads past 64 KiB of segments before a JPEG's frame header", async () => {
  const filler: Segment = { code: 0xed, payload: new Uint8Array(60_000) };
  const jpeg = await jpegWith([
    filler,
    filler,
    exifSegment(8, { littleEndian: false }),
    ...iccSegments(PROFILE, 500),
  ]);
  assert.deepEqual(await read(jpeg, "jpeg"), {
    orientation: { value: 8, applied: true },
    icc: ICC,
  });
});

Deno.test("readSourceMetadata() gives orientation 1 and no profile for a bare JPEG", async () => {
  assert.deepEqual(await read(await jpegWith([]), "jpeg"), {
    orientation: { value: 1, applied: true },
  });
});

/** An RGB PNG with `chunks` before its image data. */
function pngWith(chunks: readonly (readonly [string, Uint8Array])[]): Uint8Array {
  return buildPng([
    ["IHDR", ihdr(1, 1, 8, 2)],
    ...chunks,
    ["IDAT", idat([[1, 2, 3]])],
    ["IEND", new Uint8Array()],
  ]);
}

function iccp(stream: Uint8Array): readonly [string, Uint8Array] {
  return ["iCCP", concat([new TextEncoder().encode("Adobe RGB (1998)\0\0"), stream])];
}

Deno.test("readSourceMetadata() reads a PNG's iCCP profile, and notes an sRGB chunk beside it", async () => {
  assert.deepEqual(await read(pngWith([iccp(deflateSync(PROFILE))]), "png"), { icc: ICC });
  const overridden = pngWith([["sRGB", new Uint8Array([0])], iccp(deflateSync(PROFILE))]);
  assert.deepEqual(await read(overridden, "png"), { icc: { ...ICC, overriddenBySrgb: true } });
  assert.deepEqual(await read(pngWith([["sRGB", new Uint8Array([0])]]), "png"), {});
});

Deno.test("readSourceMetadata() calls a PNG whose iCCP stream is damaged corrupt, as decoding does", async () => {
  const damaged = pngWith([iccp(deflateSync(PROFILE).fill(0xaa, 2, 40))]);
  await assert.rejects(read(damaged, "png"), CorruptSourceError);
});

Deno.test("readSourceMetadata() reads a WebP's ICCP chunk, written by vips", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/adobe.icc`, PROFILE);
    await vips("black", `${dir}/black.v`, "8", "8", "--bands", "3");
    await vips(
      "icc_transform",
      `${dir}/black.v`,
      `${dir}/tagged.webp`,
      `${dir}/adobe.icc`,
      "--input-profile",
      "srgb",
    );
    await vips("copy", `${dir}/black.v`, `${dir}/plain.webp`);
    assert.deepEqual(await read(await Deno.readFile(`${dir}/tagged.webp`), "webp"), { icc: ICC });
    assert.deepEqual(await read(await Deno.readFile(`${dir}/plain.webp`), "webp"), {});
  });
});

Deno.test("readSourceMetadata() reads a TIFF's Orientation (not applied) and InterColorProfile", async () => {
  await withTempDir(async (dir) => {
    const jpeg = await jpegWith([
      exifSegment(6, { littleEndian: false }),
      ...iccSegments(PROFILE, 9000),
    ]);
    await Deno.writeFile(`${dir}/turned.jpg`, jpeg);
    // vips carries the orientation and the profile over into the TIFF's tags 274 and 34675.
    for (const options of ["", "[compression=jpeg,tile,pyramid]", "[bigtiff]"]) {
      await vips("copy", `${dir}/turned.jpg`, `${dir}/turned.tif${options}`);
      assert.deepEqual(await read(await Deno.readFile(`${dir}/turned.tif`), "tiff"), {
        orientation: { value: 6, applied: false },
        icc: ICC,
      }, options);
    }
    await vips("black", `${dir}/plain.tif`, "8", "8");
    assert.deepEqual(await read(await Deno.readFile(`${dir}/plain.tif`), "tiff"), {
      orientation: { value: 1, applied: false },
    });
  });
});

Deno.test("readSourceMetadata() reads a JP2 file's colour specification profile", async () => {
  const plain = await compressJp2(testImage(64, 64, 3), ["-n", "3"]);
  assert.deepEqual(await read(plain, "jp2"), {});
  const tagged = withColourSpecification(plain, Uint8Array.from([2, 0, 0, ...PROFILE]));
  assert.deepEqual(await read(tagged, "jp2"), { icc: ICC });
});

Deno.test("readSourceMetadata() reads nothing from a GIF, whose profiles Tessera ignores", async () => {
  assert.deepEqual(await read(new Uint8Array(0), "gif"), {});
});
