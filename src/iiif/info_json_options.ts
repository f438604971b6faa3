import type { PlanLimits, SourceImageInfo } from "./image_plan.ts";

/** What an info.json is built from. */
export interface InfoJsonOptions {
  /** The base URI as clients must use it: scheme, host, prefix, identifier, no trailing `/`. */
  readonly id: string;
  /** The source's header; only the full size is used. */
  readonly info: Pick<SourceImageInfo, "width" | "height">;
  /** The server's limits, advertised and applied to `sizes` and `tiles`. */
  readonly limits: Pick<PlanLimits, "maxWidth" | "maxHeight" | "maxArea" | "allowUpscaling">;
  /** Advertised (square) tile side, reduced to fit the limits if needed. */
  readonly tileWidth: number;
  /** The smallest longer side listed in `sizes`. */
  readonly minSizesSize: number;
  /** A rights or licence URI: 3.0 `rights`, 2.1 `license`. */
  readonly rights?: string | null;
}
