/**
 * ICC profiles made at test time by Little CMS itself (through FFI), and the expected sRGB
 * values of Adobe RGB (1998) colours computed independently, from the primaries by matrix math.
 */

const SYMBOLS = {
  cmsBuildGamma: { parameters: ["pointer", "f64"], result: "pointer" },
  cmsFreeToneCurve: { parameters: ["pointer"], result: "void" },
  cmsCreateRGBProfile: { parameters: ["buffer", "buffer", "buffer"], result: "pointer" },
  cmsCreateGrayProfile: { parameters: ["buffer", "pointer"], result: "pointer" },
  cmsCreate_sRGBProfile: { parameters: [], result: "pointer" },
  cmsSaveProfileToMem: { parameters: ["pointer", "buffer", "buffer"], result: "i32" },
  cmsCloseProfile: { parameters: ["pointer"], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

type Symbols = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];
type Xy = readonly [x: number, y: number];

/** Adobe RGB (1998): D65 white, its primaries, and gamma 563/256. */
const ADOBE_RGB = {
  white: [0.3127, 0.329] as Xy,
  primaries: [[0.64, 0.33], [0.21, 0.71], [0.15, 0.06]] as readonly Xy[],
  gamma: 563 / 256,
};
const SRGB_PRIMARIES: readonly Xy[] = [[0.64, 0.33], [0.3, 0.6], [0.15, 0.06]];

/** An Adobe RGB (1998) profile, made with `cmsCreateRGBProfile`. */
export function adobeRgbProfile(): Uint8Array {
  return withLcms((lcms) => {
    const curve = lcms.cmsBuildGamma(null, ADOBE_RGB.gamma);
    const curves = new BigUint64Array(3).fill(BigInt(Deno.UnsafePointer.value(curve)));
    const profile = lcms.cmsCreateRGBProfile(
      xyY(ADOBE_RGB.white),
      xyY(...ADOBE_RGB.primaries),
      curves,
    );
    lcms.cmsFreeToneCurve(curve);
    return save(lcms, profile);
  });
}

/** A gray profile whose values are linear light (gamma 1), D65. */
export function linearGrayProfile(): Uint8Array {
  return withLcms((lcms) => {
    const curve = lcms.cmsBuildGamma(null, 1);
    const profile = lcms.cmsCreateGrayProfile(xyY(ADOBE_RGB.white), curve);
    lcms.cmsFreeToneCurve(curve);
    return save(lcms, profile);
  });
}

/** lcms2's own sRGB profile. */
export function srgbProfile(): Uint8Array {
  return withLcms((lcms) => save(lcms, lcms.cmsCreate_sRGBProfile()));
}

/**
 * Where an Adobe RGB (1998) colour lands in sRGB: decoded with gamma 563/256, taken through XYZ
 * (both spaces share the D65 white, so no adaptation), clipped, encoded with the sRGB curve.
 */
export function adobeRgbToSrgb(rgb: readonly number[]): number[] {
  const toXyz = rgbToXyzMatrix(ADOBE_RGB.primaries, ADOBE_RGB.white);
  const fromXyz = invert(rgbToXyzMatrix(SRGB_PRIMARIES, ADOBE_RGB.white));
  const linear = rgb.slice(0, 3).map((value) => (value / 255) ** ADOBE_RGB.gamma);
  const srgbLinear = multiply(fromXyz, multiply(toXyz, linear));
  return srgbLinear.map((value) => Math.round(255 * srgbEncode(Math.min(1, Math.max(0, value)))));
}

/** Encodes linear light with the sRGB curve (IEC 61966-2-1). */
export function srgbEncode(linear: number): number {
  return linear <= 0.0031308 ? 12.92 * linear : 1.055 * linear ** (1 / 2.4) - 0.055;
}

function withLcms<T>(use: (symbols: Symbols) => T): T {
  const library = Deno.dlopen("liblcms2.so.2", SYMBOLS);
  try {
    return use(library.symbols);
  } finally {
    library.close();
  }
}

function save(lcms: Symbols, profile: Deno.PointerValue): Uint8Array {
  if (profile === null) throw new Error("Little CMS made no profile");
  const size = new Uint32Array(1);
  lcms.cmsSaveProfileToMem(profile, null, size);
  const bytes = new Uint8Array(size[0]);
  lcms.cmsSaveProfileToMem(profile, bytes, size);
  lcms.cmsCloseProfile(profile);
  return bytes;
}

/** `cmsCIExyY` structs (x, y, Y as doubles), Y = 1. */
function xyY(...points: readonly Xy[]): Float64Array {
  return Float64Array.from(points.flatMap(([x, y]) => [x, y, 1]));
}

/** The columns are the primaries' XYZ, scaled so that (1, 1, 1) is the white. */
function rgbToXyzMatrix(primaries: readonly Xy[], white: Xy): number[][] {
  const xyz = ([x, y]: Xy) => [x / y, 1, (1 - x - y) / y];
  const columns = primaries.map(xyz);
  const unscaled = [0, 1, 2].map((row) => columns.map((column) => column[row]));
  const scale = multiply(invert(unscaled), xyz(white));
  return unscaled.map((row) => row.map((value, column) => value * scale[column]));
}

function multiply(matrix: number[][], vector: number[]): number[] {
  return matrix.map((row) => row.reduce((sum, value, index) => sum + value * vector[index], 0));
}

function invert(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [e * i - f * h, c * h - b * i, b * f - c * e],
    [f * g - d * i, a * i - c * g, c * d - a * f],
    [d * h - e * g, b * g - a * h, a * e - b * d],
  ].map((row) => row.map((value) => value / det));
}
