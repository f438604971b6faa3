import type { CachedRenderer } from "../cache/mod.ts";
import type { Config, ProfileConfig } from "../config/mod.ts";
import type { PlanLimits } from "../iiif/mod.ts";
import type { SourceRegistry } from "../sources/mod.ts";
import type { WorkerPool } from "../../workers/mod.ts";

/** What the request handlers use; built once at start and passed down, never global. */
export interface AppDeps {
  readonly config: Config;
  readonly sources: SourceRegistry;
  readonly renderer: CachedRenderer;
  readonly pool: WorkerPool;
}

/** The planner's limits for one profile: server limits plus the profile's JPEG settings. */
export function planLimits(config: Config, profile: ProfileConfig): PlanLimits {
  return {
    maxWidth: config.max_width,
    maxHeight: config.max_height,
    maxArea: config.max_area,
    allowUpscaling: config.allow_upscaling,
    jpegQuality: profile.convert_quality ?? config.jpeg_quality,
    subsampling: profile.convert_subsampling,
    bitonalThreshold: config.bitonal_threshold,
  };
}
