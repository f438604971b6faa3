import type { Config, ProfileConfig } from "../config/mod.ts";
import type { PlanLimits, WatermarkRule } from "../iiif/mod.ts";

/**
 * The planner's limits for one profile: server limits plus the profile's JPEG settings and
 * watermark.
 *
 * @param config The validated configuration.
 * @param profile The profile that resolved the identifier.
 * @param options `watermark`, the profile's loaded watermark rule (none when left out).
 */
export function planLimits(
  config: Config,
  profile: ProfileConfig,
  options: { readonly watermark?: WatermarkRule } = {},
): PlanLimits {
  return {
    watermark: options.watermark,
    maxWidth: config.max_width,
    maxHeight: config.max_height,
    maxArea: config.max_area,
    allowUpscaling: config.allow_upscaling,
    jpegQuality: profile.convert_quality ?? config.jpeg_quality,
    subsampling: profile.convert_subsampling,
    bitonalThreshold: config.bitonal_threshold,
  };
}
