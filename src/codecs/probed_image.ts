/** The source formats Tessera decodes. */
export type SourceFormat = "jpeg" | "png" | "gif" | "webp";

/**
 * What a source's header says, read without decoding any pixel.
 *
 * `scales` lists the reductions the decoder can apply while decoding (JPEG DCT scaling with
 * libjpeg-turbo: 1, 2, 4, 8), ascending and always starting with 1.
 */
export interface ProbedImage {
  readonly format: SourceFormat;
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  readonly scales: readonly number[];
}

/** The part of {@linkcode ProbedImage} a format's own header probe finds. */
export interface ImageHeader {
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
}
