/**
 * The part of the Little CMS 2 C API (lcms2.h, 2.14) Tessera calls. Handles (profiles,
 * transforms) are pointers; `cmsUInt32Number` is `u32`.
 */
export const LCMS2_SYMBOLS = {
  /** (MemPtr, dwSize) → cmsHPROFILE, NULL when the bytes are no ICC profile */
  cmsOpenProfileFromMem: { parameters: ["buffer", "u32"], result: "pointer" },
  cmsCreate_sRGBProfile: { parameters: [], result: "pointer" },
  /** (hProfile) → cmsColorSpaceSignature */
  cmsGetColorSpace: { parameters: ["pointer"], result: "u32" },
  cmsCloseProfile: { parameters: ["pointer"], result: "i32" },
  /** (Input, InputFormat, Output, OutputFormat, Intent, dwFlags) → cmsHTRANSFORM or NULL */
  cmsCreateTransform: {
    parameters: ["pointer", "u32", "pointer", "u32", "u32", "u32"],
    result: "pointer",
  },
  /** (Transform, InputBuffer, OutputBuffer, Size in pixels) */
  cmsDoTransform: { parameters: ["pointer", "buffer", "buffer", "u32"], result: "void" },
  cmsDeleteTransform: { parameters: ["pointer"], result: "void" },
} as const satisfies Deno.ForeignLibraryInterface;

/** `cmsColorSpaceSignature` values: the ICC header's colour space field. */
export const LCMS_COLOUR_SPACE = {
  gray: 0x47524159,
  rgb: 0x52474220,
  cmyk: 0x434d594b,
} as const;

/** lcms2.h's `PT_*` pixel types. */
const PT_GRAY = 3;
const PT_RGB = 4;
const PT_CMYK = 6;

/** lcms2.h's `TYPE_*` pixel formats: one byte per channel, channels interleaved. */
export const LCMS_FORMAT = {
  /** RGB plus one extra byte, untouched by a transform done in place. */
  rgba8: pixelFormat({ space: PT_RGB, channels: 3, extra: 1 }),
  rgb8: pixelFormat({ space: PT_RGB, channels: 3 }),
  gray8: pixelFormat({ space: PT_GRAY, channels: 1 }),
  cmyk8: pixelFormat({ space: PT_CMYK, channels: 4 }),
  /** `TYPE_CMYK_8_REV`: 0 is full ink, as Adobe applications write CMYK JPEGs. */
  invertedCmyk8: pixelFormat({ space: PT_CMYK, channels: 4, minIsWhite: true }),
} as const;

/** `INTENT_PERCEPTUAL`. */
export const LCMS_INTENT_PERCEPTUAL = 0;
/** `cmsFLAGS_BLACKPOINTCOMPENSATION`. */
export const LCMS_FLAG_BLACK_POINT_COMPENSATION = 0x2000;

/** The `COLORSPACE_SH | FLAVOR_SH | EXTRA_SH | CHANNELS_SH | BYTES_SH(1)` macros of lcms2.h. */
function pixelFormat(
  layout: { space: number; channels: number; extra?: number; minIsWhite?: boolean },
): number {
  const flavour = layout.minIsWhite ? 1 : 0;
  return (layout.space << 16) | (flavour << 13) | ((layout.extra ?? 0) << 7) |
    (layout.channels << 3) | 1;
}
