import {
  LCMS2_SYMBOLS,
  LCMS_COLOUR_SPACE,
  LCMS_FLAG_BLACK_POINT_COMPENSATION,
  LCMS_FORMAT,
  LCMS_INTENT_PERCEPTUAL,
} from "./_lcms2_api.ts";

type Symbols = Deno.DynamicLibrary<typeof LCMS2_SYMBOLS>["symbols"];

/**
 * How the pixels handed to a transform are laid out, one byte per channel: RGB plus an extra
 * byte (alpha, left as it is), CMYK with 0 as no ink or (as Adobe writes it) 0 as full ink, or
 * one gray byte.
 */
export type TransformInput = "rgba" | "cmyk" | "inverted-cmyk" | "gray";

const INPUTS: Readonly<Record<TransformInput, { space: number; format: number; output: number }>> =
  {
    rgba: { space: LCMS_COLOUR_SPACE.rgb, format: LCMS_FORMAT.rgba8, output: LCMS_FORMAT.rgba8 },
    cmyk: { space: LCMS_COLOUR_SPACE.cmyk, format: LCMS_FORMAT.cmyk8, output: LCMS_FORMAT.rgba8 },
    "inverted-cmyk": {
      space: LCMS_COLOUR_SPACE.cmyk,
      format: LCMS_FORMAT.invertedCmyk8,
      output: LCMS_FORMAT.rgba8,
    },
    gray: { space: LCMS_COLOUR_SPACE.gray, format: LCMS_FORMAT.gray8, output: LCMS_FORMAT.rgb8 },
  };

/** A transform made by {@linkcode LittleCms.srgbTransform}, owned by that instance. */
export type SrgbTransformHandle = Deno.PointerObject<"cmsHTRANSFORM">;

/**
 * Little CMS 2 through Deno FFI: builds transforms from an embedded ICC profile to sRGB
 * (perceptual intent, black point compensation: a press profile's black maps to sRGB black) and
 * runs them. Transforms into RGBA write R, G and B only, so running one
 * in place keeps the alpha byte (lcms2 allows one buffer for input and output when both formats
 * have the same pixel size: mm2/Little-CMS#93).
 */
export class LittleCms {
  readonly #symbols: Symbols;
  readonly #srgb: Deno.PointerObject;

  /**
   * Loads the library.
   *
   * @param path A library name (`liblcms2.so.2`) or path.
   * @throws {Error} When the library cannot be opened or lacks a symbol.
   */
  static open(path: string): LittleCms {
    return new LittleCms(Deno.dlopen(path, LCMS2_SYMBOLS).symbols);
  }

  private constructor(symbols: Symbols) {
    this.#symbols = symbols;
    const srgb = symbols.cmsCreate_sRGBProfile();
    if (srgb === null) throw new Error("Cannot create the sRGB profile with Little CMS");
    this.#srgb = srgb;
  }

  /**
   * A transform from `profile` to sRGB for pixels laid out as `input`: into RGBA for `rgba` and
   * the CMYK layouts, into RGB (3 bytes a pixel) for `gray`.
   *
   * @returns The transform, to be freed with {@linkcode LittleCms.deleteTransform}, or
   * `undefined` when lcms2 cannot read the profile or its colour space is not `input`'s.
   */
  srgbTransform(profile: Uint8Array, input: TransformInput): SrgbTransformHandle | undefined {
    const { space, format, output } = INPUTS[input];
    const source = this.#symbols.cmsOpenProfileFromMem(profile, profile.length);
    if (source === null) return undefined;
    try {
      if (this.#symbols.cmsGetColorSpace(source) !== space) return undefined;
      const transform = this.#symbols.cmsCreateTransform(
        source,
        format,
        this.#srgb,
        output,
        LCMS_INTENT_PERCEPTUAL,
        // lcms2 forces it anyway for its v4 sRGB profile in perceptual intent; said, not implied.
        LCMS_FLAG_BLACK_POINT_COMPENSATION,
      );
      return (transform ?? undefined) as SrgbTransformHandle | undefined;
    } finally {
      this.#symbols.cmsCloseProfile(source);
    }
  }

  /**
   * Runs `transform` over `pixelCount` pixels from `input` into `output`, which may be the same
   * buffer when input and output pixels have the same size.
   */
  transform(
    transform: SrgbTransformHandle,
    buffers: { input: Uint8Array; output: Uint8Array },
    pixelCount: number,
  ): void {
    this.#symbols.cmsDoTransform(transform, buffers.input, buffers.output, pixelCount);
  }

  /** Frees a transform; it must not be used again. */
  deleteTransform(transform: SrgbTransformHandle): void {
    this.#symbols.cmsDeleteTransform(transform);
  }
}
