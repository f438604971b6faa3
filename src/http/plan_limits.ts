import type { Config, ProfileConfig } from "../config/mod.ts";
import type { PlanLimits } from "../iiif/mod.ts";

/**
 * The planner's limits for one profile: server limits plus the profile's JPEG settings.
 *
 * @param config The validated configuration.
 * @param profile The profile that resolved the identifier.
 */
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
