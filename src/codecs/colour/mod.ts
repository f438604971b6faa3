/**
 * Faithful colour: embedded ICC profiles converted to sRGB with Little CMS 2 (loaded through FFI,
 * once per thread), and CMYK turned into RGB. Decoders call these on the rasters they produce,
 * so everything after decoding works on sRGB. A profile's colour space and description are read
 * without Little CMS, for `tessera info`.
 *
 * @example Usage
 * ```ts
 * import { cmykToSrgb, colourManagementInfo } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const raster = { width: 1, height: 1, data: new Uint8Array([0, 0, 0, 0]) };
 * cmykToSrgb(raster, { inverted: false });
 * assert.deepEqual([...raster.data], [255, 255, 255, 255]);
 * assert.equal(typeof colourManagementInfo().available, "boolean");
 * ```
 *
 * @module
 */

export { cmykToSrgb, type CmykToSrgbOptions } from "./cmyk_to_srgb.ts";
export { type ColourManagementInfo, colourManagementInfo } from "./colour_management.ts";
export { convertsFromIccSpace, convertToSrgb } from "./convert_to_srgb.ts";
export { iccColourSpace } from "./icc_colour_space.ts";
export { type IccProfileSummary, summariseIccProfile } from "./icc_profile_summary.ts";
