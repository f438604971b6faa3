import assert from "node:assert/strict";
import { CorruptSourceError, UnsupportedSourceError } from "../../../src/codecs/errors.ts";
import { openTiff } from "../../../src/codecs/tiff/mod.ts";
import { allocate, FixtureDir, memorySource, patternSamples, writeRaw } from "./_tiff_fixtures.ts";

/** One entry of a classic little-endian TIFF directory, with where its fields are. */
interface Entry {
  readonly tag: number;
  readonly at: number;
  readonly count: number;
  readonly value: number;
}

/** The directories of a classic little-endian TIFF, in chain order. */
function directories(bytes: Uint8Array): { offset: number; entries: Entry[]; nextAt: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const found = [];
  for (let offset = view.getUint32(4, true); offset !== 0;) {
    const count = view.getUint16(offset, true);
    const entries = Array.from({ length: count }, (_, index) => {
      const at = offset + 2 + index * 12;
      const type = view.getUint16(at + 2, true);
      const value = type === 3 ? view.getUint16(at + 8, true) : view.getUint32(at + 8, true);
      return { tag: view.getUint16(at, true), at, count: view.getUint32(at + 4, true), value };
    });
    const nextAt = offset + 2 + count * 12;
    found.push({ offset, entries, nextAt });
    offset = view.getUint32(nextAt, true);
  }
  return found;
}

function entry(bytes: Uint8Array, directory: number, tag: number): Entry {
  const found = directories(bytes)[directory].entries.find((candidate) => candidate.tag === tag);
  assert.ok(found, `tag ${tag} in directory ${directory}`);
  return found;
}

/** A copy of `bytes` with a 32-bit little-endian value written at `at`. */
function patched(bytes: Uint8Array, at: number, value: number, size: 2 | 4 = 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (size === 2) view.setUint16(at, value, true);
  else view.setUint32(at, value, true);
  return copy;
}

/** Sets an entry to one LONG value. */
function withLong(bytes: Uint8Array, directory: number, tag: number, value: number): Uint8Array {
  const { at } = entry(bytes, directory, tag);
  return patched(patched(bytes, at + 2, 4, 2), at + 8, value);
}

/** Opens the file and decodes every level whole. */
async function readAll(bytes: Uint8Array): Promise<void> {
  const tiff = await openTiff(memorySource(bytes));
  for (const [level, { width, height }] of tiff.levels.entries()) {
    await tiff.readRegion(level, { x: 0, y: 0, width, height }, allocate);
  }
}

async function assertCorrupt(bytes: Uint8Array, message: RegExp): Promise<void> {
  const started = performance.now();
  await assert.rejects(readAll(bytes), (error) => {
    assert.ok(error instanceof CorruptSourceError, String(error));
    assert.match(error.message, message);
    return true;
  });
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 1000, `failing took ${elapsed.toFixed(0)} ms`);
}

const TAG = {
  IMAGE_WIDTH: 256,
  TILE_WIDTH: 322,
  TILE_LENGTH: 323,
  TILE_OFFSETS: 324,
  TILE_BYTE_COUNTS: 325,
};

Deno.test("openTiff() and readRegion() fail fast with CorruptSourceError on broken files", async (t) => {
  await using dir = await FixtureDir.create();
  await writeRaw(dir.file("in.raw"), patternSamples(700, 500, 3, 8));
  const raw = ["-w", "700", "-l", "500", "-b", "3", "-p", "rgb", "-M", "-c", "none"];
  await dir.run("raw2tiff", ...raw, "in.raw", "in.tif");
  const tiles = ["-t", "-w", "256", "-l", "256"];
  await Promise.all([
    dir.run("tiffcp", "-c", "lzw", ...tiles, "in.tif", "lzw.tif"),
    dir.run("tiffcp", "-c", "zip", ...tiles, "in.tif", "zip.tif"),
    dir.run(
      "vips",
      "tiffsave",
      "in.tif",
      "pyramid.tif",
      "--tile",
      "--pyramid",
      "--compression",
      "lzw",
    ),
  ]);
  const [lzw, zip, pyramid] = await Promise.all(
    ["lzw.tif", "zip.tif", "pyramid.tif"].map((name) => Deno.readFile(dir.file(name))),
  );
  await readAll(lzw);
  await readAll(zip);
  await readAll(pyramid);

  await t.step("truncated files", async () => {
    for (const length of [0, 7, 12, 100, lzw.length >> 1, lzw.length - 1]) {
      await assertCorrupt(lzw.subarray(0, length), /TIFF|bytes|past|Cannot read/);
    }
  });

  await t.step("a tile that reaches past the end of the file", async () => {
    const counts = entry(lzw, 0, TAG.TILE_BYTE_COUNTS);
    await assertCorrupt(patched(lzw, counts.value, lzw.length), /Cannot read/);
  });

  await t.step("a tile cut short", async () => {
    const counts = entry(lzw, 0, TAG.TILE_BYTE_COUNTS);
    const first = new DataView(lzw.buffer).getUint32(counts.value, true);
    await assertCorrupt(patched(lzw, counts.value, first >> 1), /LZW data: it ends after/);
  });

  await t.step("directory chains that loop", async () => {
    const chain = directories(pyramid);
    assert.ok(chain.length >= 3);
    await assertCorrupt(patched(pyramid, chain.at(-1)!.nextAt, chain[0].offset), /loop back/);
    await assertCorrupt(patched(pyramid, chain[0].nextAt, chain[0].offset), /loop back/);
  });

  await t.step("absurd tile counts", async () => {
    const oneByOne = withLong(withLong(lzw, 0, TAG.TILE_WIDTH, 1), 0, TAG.TILE_LENGTH, 1);
    await assertCorrupt(oneByOne, /needs 350000 offsets, the file lists 6/);
    await assertCorrupt(
      withLong(lzw, 0, TAG.IMAGE_WIDTH, 4_000_000_000),
      /more than any real image/,
    );
  });

  await t.step("an absurd number of directory entries", async () => {
    const { offset } = directories(lzw)[0];
    await assertCorrupt(patched(lzw, offset, 0xfff0, 2), /claims 65520 entries/);
  });

  await t.step("a bit flipped in Deflate data", async () => {
    const { value } = entry(zip, 0, TAG.TILE_OFFSETS);
    const tileOffset = new DataView(zip.buffer).getUint32(value, true);
    const flipped = zip.slice();
    flipped[tileOffset + 100] ^= 0x10;
    await assertCorrupt(flipped, /Deflate/);
  });

  await t.step(
    "random bit flips give a picture or a source error, never anything else",
    async () => {
      let seed = 7;
      const random = (below: number) => {
        seed = (seed * 1103515245 + 12345) >>> 0;
        return (seed >>> 8) % below;
      };
      const started = performance.now();
      const outcomes = { decoded: 0, corrupt: 0, unsupported: 0 };
      const firstDirectory = directories(pyramid)[0].offset;
      for (let round = 0; round < 100; round++) {
        const flipped = pyramid.slice();
        // Half the flips hit the directories at the end, where every byte matters.
        const from = round % 2 === 0 ? 0 : firstDirectory;
        for (let flip = 0; flip < 3; flip++) {
          flipped[from + random(flipped.length - from)] ^= 1 <<
            random(8);
        }
        try {
          await readAll(flipped);
          outcomes.decoded++;
        } catch (error) {
          if (error instanceof CorruptSourceError) outcomes.corrupt++;
          else if (error instanceof UnsupportedSourceError) outcomes.unsupported++;
          else throw error;
        }
      }
      assert.ok(outcomes.corrupt > 0 && outcomes.decoded > 0, JSON.stringify(outcomes));
      assert.ok(performance.now() - started < 5000, "100 broken files take under 5 s");
    },
  );
});
