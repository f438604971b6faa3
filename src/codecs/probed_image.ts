/** The source formats Tessera decodes. */
export type SourceFormat = "jpeg" | "png" | "gif" | "webp" | "tiff" | "jp2";

/** Formats read region by region through a `RegionReader` rather than decoded whole. */
export type RegionFormat = Extract<SourceFormat, "tiff" | "jp2">;

/** Whether `format` is read region by region (tiles of a pyramid level) instead of whole. */
export function isRegionFormat(format: SourceFormat): format is RegionFormat {
  return format === "tiff" || format === "jp2";
}

/** A width and a height in pixels. */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/**
 * What a source's header says, read without decoding any pixel.
 *
 * `scales` lists the reductions the decoder can apply while decoding (JPEG DCT scaling with
 * libjpeg-turbo: 1, 2, 4, 8) or has stored (a pyramid's levels), ascending and always starting
 * with 1.
 */
export interface ProbedImage {
  readonly format: SourceFormat;
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  readonly scales: readonly number[];
  /** A pyramid's stored level sizes, index for index with `scales`. */
  readonly levels?: readonly ImageSize[];
  /** A tiled source's tile size at full resolution. */
  readonly tile?: ImageSize;
}

/** The part of {@linkcode ProbedImage} a format's own header probe finds. */
export interface ImageHeader {
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
}
