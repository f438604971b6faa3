import type { Rect } from "../ops/raster.ts";

/** A width and a height in pixels: an image, a region's extent or an output size. */
export type Dimensions = Pick<Rect, "width" | "height">;
