import type { Raster } from "../../ops/raster.ts";
import { cmykToSrgb, convertToSrgb } from "../colour/mod.ts";
import { CorruptSourceError } from "../errors.ts";
import type { IfdEntry, TiffFile } from "./_tiff_file.ts";
import type { TiffLevel } from "./_tiff_level.ts";
import { PHOTOMETRIC, TAG } from "./_tiff_tags.ts";

/** Far larger than any real ICC profile (press CMYK ones take about 1 MB): the count is garbage. */
const MAX_PROFILE_BYTES = 1 << 26;
/**
 * The channel values of the RGB probe colours, every mix of them. They include every value of
 * the colour module's sRGB-equivalence probe (multiples of 32, and 255), so a profile it does
 * not treat as sRGB moves at least one of them.
 */
const PROBE_LEVELS = [...Array.from({ length: 16 }, (_, step) => step * 16), 255];

/**
 * The colour of each level of a TIFF: the ICC profile (InterColorProfile) that applies to it,
 * read when first needed and once per directory entry, and whether converting its pixels to sRGB
 * changes them.
 */
export class LevelColours {
  readonly #file: TiffFile;
  readonly #levels: readonly TiffLevel[];
  readonly #profiles = new Map<IfdEntry, Promise<Uint8Array>>();
  readonly #changes = new Map<number, Promise<boolean>>();

  constructor(file: TiffFile, levels: readonly TiffLevel[]) {
    this.#file = file;
    this.#levels = levels;
  }

  /**
   * The level's own profile or, when it has none, the first level's: some writers tag only the
   * full-resolution image.
   *
   * @throws {CorruptSourceError} When the profile lies outside the file or claims absurd size.
   */
  profile(level: number): Promise<Uint8Array | undefined> {
    const entry = this.#levels[level].ifd.entries.get(TAG.ICC_PROFILE) ??
      this.#levels[0].ifd.entries.get(TAG.ICC_PROFILE);
    if (entry === undefined) return Promise.resolve(undefined);
    let profile = this.#profiles.get(entry);
    if (profile === undefined) {
      profile = readTiffIccProfile(this.#file, entry);
      // A failed read is retried next time: it may be transient.
      profile.catch(() => this.#profiles.delete(entry));
      this.#profiles.set(entry, profile);
    }
    return profile;
  }

  /**
   * Whether {@linkcode regionToSrgb} changes the level's decoded pixels, so its stored tiles are
   * not sRGB as they stand. False without a profile, for a profile equivalent to sRGB, and when
   * the profile cannot be used (or Little CMS is missing): the pixels are then served as decoded.
   */
  changesPixels(level: number): Promise<boolean> {
    let changes = this.#changes.get(level);
    if (changes === undefined) {
      const tiff = this.#levels[level];
      changes = this.profile(level).then((profile) =>
        tiff.photometric === PHOTOMETRIC.SEPARATED ||
        (profile !== undefined && convertMovesProbe(profile, isGray(tiff)))
      );
      changes.catch(() => this.#changes.delete(level));
      this.#changes.set(level, changes);
    }
    return changes;
  }
}

/**
 * Makes a decoded region of `level` sRGB, in place: CMYK (TIFF stores 0 as no ink) through its
 * profile when usable, else by the naive formula; RGB, palette and gray through their profile.
 */
export function regionToSrgb(raster: Raster, level: TiffLevel, profile?: Uint8Array): void {
  if (level.photometric === PHOTOMETRIC.SEPARATED) cmykToSrgb(raster, { profile, inverted: false });
  else if (profile !== undefined) convertToSrgb(raster, profile);
}

/**
 * The bytes of an InterColorProfile entry.
 *
 * @throws {CorruptSourceError} When they lie outside the file or claim absurd size.
 */
export async function readTiffIccProfile(file: TiffFile, entry: IfdEntry): Promise<Uint8Array> {
  if (entry.count > MAX_PROFILE_BYTES) {
    throw new CorruptSourceError(`Cannot read TIFF: its ICC profile claims ${entry.count} bytes`);
  }
  return await file.bytes(entry);
}

function isGray(level: TiffLevel): boolean {
  return level.photometric === PHOTOMETRIC.MIN_IS_BLACK ||
    level.photometric === PHOTOMETRIC.MIN_IS_WHITE;
}

/** Converts probe colours the level can hold (gray levels, or an RGB grid) and compares. */
function convertMovesProbe(profile: Uint8Array, gray: boolean): boolean {
  const probe = gray ? grayProbe() : rgbProbe();
  const converted = probe.slice();
  convertToSrgb({ width: probe.length / 4, height: 1, data: converted }, profile);
  return converted.some((value, index) => value !== probe[index]);
}

function grayProbe(): Uint8Array {
  return Uint8Array.from({ length: 256 * 4 }, (_, index) => index % 4 === 3 ? 255 : index >> 2);
}

function rgbProbe(): Uint8Array {
  const colours: number[] = [];
  for (const r of PROBE_LEVELS) {
    for (const g of PROBE_LEVELS) {
      for (const b of PROBE_LEVELS) colours.push(r, g, b, 255);
    }
  }
  return Uint8Array.from(colours);
}
