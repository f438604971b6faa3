import type { OpStep } from "../ops/op_step.ts";
import type { Rect } from "../ops/raster.ts";
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
