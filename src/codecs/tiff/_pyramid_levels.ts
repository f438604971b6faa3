import { CorruptSourceError, UnsupportedSourceError } from "../errors.ts";
import type { Ifd, TiffFile } from "./_tiff_file.ts";
import { readTiffLevel, type TiffLevel } from "./_tiff_level.ts";
import { SUBFILE, TAG } from "./_tiff_tags.ts";

/** More directories than a pyramid with a mask per level has: the chain is garbage. */
const MAX_IFDS = 1024;

/** What a directory after the first is to the pyramid. */
type Role = "level" | "mask" | "other";

/**
 * Finds the stored resolutions of a TIFF's first image, largest first: the first directory, then
 * the reductions of it stored as the directories that follow (as `vips tiffsave --pyramid`, GDAL
 * and Aperio write them) or as its SubIFDs (`--subifd`, OME-TIFF).
 *
 * A directory is a reduction when it is smaller, has the same aspect ratio to within a pixel and
 * is not a transparency mask; masks are skipped, and the main chain is followed only up to the
 * first directory that is neither (another page). A reduction that is stored in a way the reader
 * does not decode is left out: level 0 still serves every request.
 *
 * @throws {CorruptSourceError} For a missing first directory, a directory chain that loops, or
 *   more than 1,024 directories.
 * @throws {UnsupportedSourceError} When the first image is stored in a way the reader does not
 *   decode.
 */
export async function readPyramidLevels(file: TiffFile): Promise<TiffLevel[]> {
  if (file.firstIfd === 0) {
    throw new CorruptSourceError("Cannot read TIFF: the file holds no image directory");
  }
  const seen = new Set<number>();
  const first = await visit(file, file.firstIfd, seen);
  const base = await readTiffLevel(file, first);
  const subIfdOffsets = await subIfdOffsetsOf(file, first);
  const chains = await Promise.all([
    reductionsInChain(file, base, first.next, seen),
    ...[...subIfdOffsets].map((offset) => reductionsInChain(file, base, offset, seen)),
  ]);
  const reductions = await Promise.all(chains.flat().map((ifd) => readableLevel(file, ifd)));
  return [base, ...reductions.filter((level) => level !== undefined)]
    .sort((a, b) => b.width - a.width)
    .filter((level, index, sorted) => index === 0 || level.width < sorted[index - 1].width);
}

async function subIfdOffsetsOf(file: TiffFile, ifd: Ifd): Promise<Float64Array> {
  const entry = ifd.entries.get(TAG.SUB_IFDS);
  if (entry === undefined) return new Float64Array();
  if (entry.count > MAX_IFDS) {
    throw new CorruptSourceError(`Cannot read TIFF: it lists ${entry.count} SubIFDs`);
  }
  return await file.numbers(entry, "SubIFDs");
}

async function visit(file: TiffFile, offset: number, seen: Set<number>): Promise<Ifd> {
  if (seen.has(offset)) {
    throw new CorruptSourceError(`Cannot read TIFF: its directories loop back to offset ${offset}`);
  }
  if (seen.size >= MAX_IFDS) {
    throw new CorruptSourceError(`Cannot read TIFF: it chains more than ${MAX_IFDS} directories`);
  }
  seen.add(offset);
  return await file.readIfd(offset);
}

async function reductionsInChain(
  file: TiffFile,
  base: TiffLevel,
  start: number,
  seen: Set<number>,
): Promise<Ifd[]> {
  const found: Ifd[] = [];
  for (let offset = start; offset !== 0;) {
    const ifd = await visit(file, offset, seen);
    const role = roleOf(file, base, ifd);
    if (role === "other") break;
    if (role === "level") found.push(ifd);
    offset = ifd.next;
  }
  return found;
}

function roleOf(file: TiffFile, base: TiffLevel, ifd: Ifd): Role {
  const subfileType = file.inlineNumber(ifd.entries.get(TAG.NEW_SUBFILE_TYPE)) ?? 0;
  if ((subfileType & SUBFILE.MASK) !== 0) return "mask";
  const width = file.inlineNumber(ifd.entries.get(TAG.IMAGE_WIDTH)) ?? 0;
  const height = file.inlineNumber(ifd.entries.get(TAG.IMAGE_LENGTH)) ?? 0;
  const smaller = width >= 1 && height >= 1 && width <= base.width && height <= base.height &&
    width * height < base.width * base.height;
  // Each side may be rounded either way when halved, so allow a pixel on each.
  const sameAspect =
    Math.abs(width * base.height - height * base.width) <= base.width + base.height;
  return smaller && sameAspect ? "level" : "other";
}

async function readableLevel(file: TiffFile, ifd: Ifd): Promise<TiffLevel | undefined> {
  try {
    return await readTiffLevel(file, ifd);
  } catch (error) {
    if (error instanceof UnsupportedSourceError) return undefined;
    throw error;
  }
}
