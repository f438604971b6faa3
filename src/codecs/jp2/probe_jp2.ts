import { parseJp2Header } from "./_jp2_header.ts";
import { levelsOf } from "./_level_geometry.ts";

/** What a JPEG 2000 header says, for planning a request before anything is decoded. */
export interface Jp2Probe {
  readonly width: number;
  readonly height: number;
  /** Two components (gray and alpha) or four (RGBA), after any palette. */
  readonly hasAlpha: boolean;
  /** Resolution levels: wavelet decompositions + 1. Level `r` is `ceil(width / 2^r)` wide. */
  readonly levels: number;
  /** The full-resolution tile size, at most the image size (an untiled image is one tile). */
  readonly tileWidth: number;
  readonly tileHeight: number;
  /** A JP2 file's ICC profile (gray or RGB), which decoded pixels are converted from. */
  readonly iccProfile?: Uint8Array;
}

/**
 * Reads a JPEG 2000 source's size, alpha, resolution levels, tile size and ICC profile from its
 * JP2 boxes and its codestream's SIZ, COD and COC markers, without OpenJPEG.
 *
 * @example Usage
 * ```ts
 * import { probeJp2 } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * // SOC; SIZ: 640x480 in 256x256 tiles, one 8-bit component; COD: 5 decompositions; SOT.
 * const codestream = new Uint8Array([
 *   0xff, 0x4f, 0xff, 0x51, 0, 41, 0, 0, 0, 0, 2, 128, 0, 0, 1, 224, 0, 0, 0, 0, 0, 0, 0, 0,
 *   0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 7, 1, 1,
 *   0xff, 0x52, 0, 12, 0, 0, 0, 1, 0, 5, 4, 4, 0, 1, 0xff, 0x90, 0, 10,
 * ]);
 * assert.deepEqual(probeJp2(codestream), {
 *   width: 640,
 *   height: 480,
 *   hasAlpha: false,
 *   levels: 6,
 *   tileWidth: 256,
 *   tileHeight: 256,
 * });
 * assert.equal(probeJp2(codestream.subarray(0, 20)), undefined);
 * ```
 *
 * @param head The first bytes of the file: through the codestream's main header.
 * @returns The header, or `undefined` when `head` ends before the first tile-part: read more.
 * @throws {CorruptSourceError} When a box or marker is broken.
 * @throws {UnsupportedSourceError} For subsampled components, more than four channels, or CMYK,
 * CIELab or YCC colour.
 */
export function probeJp2(head: Uint8Array): Jp2Probe | undefined {
  const header = parseJp2Header(head);
  if (header === undefined) return undefined;
  const [full] = levelsOf(header);
  const { iccProfile } = header;
  return {
    width: full.width,
    height: full.height,
    hasAlpha: header.channels % 2 === 0,
    levels: header.decompositions + 1,
    tileWidth: full.tileWidth,
    tileHeight: full.tileHeight,
    ...(iccProfile === undefined ? {} : { iccProfile }),
  };
}
