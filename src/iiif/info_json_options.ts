import type { PlanLimits, SourceImageInfo } from "./image_plan.ts";

/** What an info.json is built from. */
export interface InfoJsonOptions {
  /** The base URI as clients must use it: scheme, host, prefix, identifier, no trailing `/`. */
  readonly id: string;
  /** The source's header: its full size, and a tiled pyramid's stored levels and tile size. */
  readonly info: Pick<SourceImageInfo, "width" | "height" | "levels" | "tile">;
  /** The server's limits, advertised and applied to `sizes` and `tiles`. */
  readonly limits: Pick<PlanLimits, "maxWidth" | "maxHeight" | "maxArea" | "allowUpscaling">;
  /**
   * Advertised (square) tile side, reduced to fit the limits if needed; a tiled source's own tile
   * size (`info.tile`) takes its place.
   */
  readonly tileWidth: number;
  /** The smallest longer side listed in `sizes`. */
  readonly minSizesSize: number;
  /** A rights or licence URI: 3.0 `rights`, 2.1 `license`. */
  readonly rights?: string | null;
}
