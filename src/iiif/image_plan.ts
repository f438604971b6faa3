import type { OpStep } from "../ops/op_step.ts";
import type { Rect } from "../ops/raster.ts";
import type { Dimensions } from "./dimensions.ts";
import type { IiifVersion, OutputFormat, Quality } from "./image_request.ts";

/** Chroma subsampling of JPEG output. */
export type JpegSubsampling = "420" | "422" | "444";

/** How the output raster is encoded. */
export interface EncodeOptions {
  readonly format: OutputFormat;
  /** The IIIF quality: `gray` and `bitonal` JPEGs are written with one channel. */
  readonly quality: Quality;
  /** JPEG (and WebP) quality, 1–100. */
  readonly jpegQuality: number;
  readonly subsampling: JpegSubsampling;
}

/**
 * What the header of a source says, all the planner needs: read before any pixel is decoded.
 * `scales` lists the reductions the decoder can apply cheaply (JPEG DCT scaling: 1, 2, 4, 8; a
 * pyramid's levels), always including 1, ascending.
 */
export interface SourceImageInfo {
  readonly width: number;
  readonly height: number;
  readonly scales: readonly number[];
  readonly hasAlpha: boolean;
  /**
   * For a source that stores its reductions (a pyramidal TIFF, a JPEG 2000): the size of each,
   * index for index with `scales`. Without it, scale `s` decodes to `ceil(W / s) × ceil(H / s)`.
   */
  readonly levels?: readonly Dimensions[];
  /** The stored tile size of a tiled source, advertised in info.json instead of `tile_width`. */
  readonly tile?: Dimensions;
}

/**
 * The size a source decodes to at `scale`: its stored level's size, or `ceil(W / scale)` ×
 * `ceil(H / scale)` for a decoder that reduces while decoding (JPEG DCT scaling).
 *
 * @example A pyramid level rounded down
 * ```ts
 * import assert from "node:assert/strict";
 * const info = { width: 6001, height: 4001, scales: [1, 2], levels: [
 *   { width: 6001, height: 4001 },
 *   { width: 3000, height: 2000 },
 * ] };
 * assert.deepEqual(decodedSize(info, 2), { width: 3000, height: 2000 });
 * assert.deepEqual(decodedSize({ ...info, levels: undefined }, 2), { width: 3001, height: 2001 });
 * ```
 */
export function decodedSize(
  info: Pick<SourceImageInfo, "width" | "height" | "scales" | "levels">,
  scale: number,
): Dimensions {
  const level = info.levels?.[info.scales.indexOf(scale)];
  if (level) return { width: level.width, height: level.height };
  return { width: Math.ceil(info.width / scale), height: Math.ceil(info.height / scale) };
}

/**
 * A profile's watermark as the planner applies it: a `watermark` step right after the resize,
 * for outputs whose whole image, at the output's scale, reaches `minWidth` or `minHeight`.
 */
export interface WatermarkRule {
  /** Names the mark for the backend (`RunOptions.watermarks`); it changes with the mark's content. */
  readonly image: string;
  /** 0–255 (see the `watermark` step). */
  readonly opacity: number;
  readonly minWidth: number;
  readonly minHeight: number;
}

/** Server limits and defaults the planner applies. */
export interface PlanLimits {
  readonly maxWidth: number;
  readonly maxHeight: number;
  readonly maxArea: number;
  /** 3.0: `^` sizes are allowed; 2.1: sizes above the region are allowed (`sizeAboveFull`). */
  readonly allowUpscaling: boolean;
  readonly jpegQuality: number;
  readonly subsampling: JpegSubsampling;
  /** Luma (0–255) at and above which a `bitonal` pixel is white. */
  readonly bitonalThreshold: number;
  /** The profile's watermark; none when left out. */
  readonly watermark?: WatermarkRule;
}

/**
 * A request resolved against a source header: exactly what a worker must do, with no I/O left to
 * decide. `canonical` (the canonical `{region}/{size}/{rotation}/{quality}.{format}`) is the
 * derivative cache key and the `Link: rel="canonical"` target.
 */
export interface ImagePlan {
  readonly version: IiifVersion;
  readonly identifier: string;
  readonly canonical: string;
  /** The region in full-resolution source pixels, integral and inside the image. */
  readonly region: Rect;
  /** The reduction the decoder applies (one of `SourceImageInfo.scales`). */
  readonly decodeScale: number;
  /** Operations on the decoded source, in order; their pixel coordinates are decoded pixels. */
  readonly steps: readonly OpStep[];
  /** Final output size, after rotation. */
  readonly width: number;
  readonly height: number;
  readonly encode: EncodeOptions;
}
