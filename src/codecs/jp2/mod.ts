/**
 * JPEG 2000 sources (JP2 files and raw J2K codestreams) read region by region through OpenJPEG
 * (`libopenjp2.so.7`, Debian package libopenjp2-7) by FFI.
 *
 * {@linkcode probeJp2} reads size, alpha, resolution levels and tiles from the header without
 * the library. {@linkcode openJp2} gives a `RegionReader` that decodes one rectangle of one
 * resolution level at a time: OpenJPEG discards the finer levels and decodes only the code-blocks
 * over the region, and only the tile-parts the region touches are read from the source. A JP2
 * file's ICC profile (colour specification methods 2 and 3) is applied: pixels come out sRGB.
 * {@linkcode jp2Library} says whether OpenJPEG could be loaded, with a warning to log if not.
 *
 * @example Usage
 * ```ts
 * import { jp2Library, probeJp2 } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(probeJp2(new Uint8Array([0xff, 0x4f, 0xff])), undefined);
 * assert.equal(typeof jp2Library().available, "boolean");
 * ```
 *
 * @module
 */

export type { Jp2Library } from "./jp2_library.ts";
export { jp2Library } from "./jp2_library.ts";
export { openJp2 } from "./open_jp2.ts";
export type { Jp2Probe } from "./probe_jp2.ts";
export { probeJp2 } from "./probe_jp2.ts";
