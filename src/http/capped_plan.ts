import {
  type Dimensions,
  IiifSyntaxError,
  type ImagePlan,
  type ImageRequest,
  planImage,
  type PlanLimits,
  type SourceImageInfo,
} from "../iiif/mod.ts";
import type { ResolvedSource } from "../sources/mod.ts";
import { type ImageAccess, refusal } from "./access_check.ts";

type SizeLimits = Pick<PlanLimits, "maxWidth" | "maxHeight" | "maxArea">;

/**
 * The limits a size cap imposes: no side longer than `cap`, no area above `cap²`, and never more
 * than the configured limits.
 *
 * @param limits The configured limits.
 * @param cap `access_max_unauthorized_size`.
 */
export function cappedLimits<T extends SizeLimits>(limits: T, cap: number): T {
  return {
    ...limits,
    maxWidth: Math.min(limits.maxWidth, cap),
    maxHeight: Math.min(limits.maxHeight, cap),
    maxArea: Math.min(limits.maxArea, cap * cap),
  };
}

/** `full/max`: the whole image at the largest size the limits allow. */
const WHOLE_AT_MAX: ImageRequest = {
  version: 3,
  identifier: "",
  region: { kind: "full" },
  size: { kind: "max", upscale: false },
  rotation: { degrees: 0, mirror: false },
  quality: "default",
  format: "jpg",
};

/**
 * The size a capped request sees the whole image at: `full/max` within the capped limits, the
 * largest size its info.json allows.
 *
 * @param probed The image's header.
 * @param options The configured limits and `access_max_unauthorized_size`.
 */
export function cappedSize(
  probed: SourceImageInfo,
  options: { readonly limits: PlanLimits; readonly cap: number },
): Dimensions {
  const { width, height } = planImage(
    WHOLE_AT_MAX,
    probed,
    cappedLimits(options.limits, options.cap),
  );
  return { width, height };
}

/**
 * Plans a request as its access allows. A capped request is planned within the capped limits
 * (so `max` shrinks to the cap) and may not be at a larger scale than the whole image shrunk to
 * the cap, or tiles at full resolution would give the whole image away. What only full access
 * could see is refused with the access error (401/403), not a 400: credentials would fix it.
 *
 * @throws {IiifSyntaxError} The request is invalid even with full access.
 * @throws {AuthorizationRequiredError} It needs more than a capped request may see.
 * @throws {AccessDeniedError} Likewise, on an `ip` profile or with a token of another scope.
 */
export function planForAccess(
  parsed: ImageRequest,
  probed: SourceImageInfo,
  options: { limits: PlanLimits; access: ImageAccess; source: ResolvedSource },
): ImagePlan {
  const { limits, access } = options;
  if (access.cap === null) return planImage(parsed, probed, limits);
  let plan: ImagePlan;
  try {
    plan = planImage(parsed, probed, cappedLimits(limits, access.cap));
  } catch (error) {
    if (!(error instanceof IiifSyntaxError)) throw error;
    planImage(parsed, probed, limits);
    throw refusal(access.verdict, options.source);
  }
  if (!withinScale(plan, probed, access.cap)) throw refusal(access.verdict, options.source);
  return plan;
}

/**
 * Whether the output is no larger, relative to its region, than the image shrunk so its longer
 * side is `cap` (one output pixel of rounding allowed).
 */
function withinScale(plan: ImagePlan, image: SourceImageInfo, cap: number): boolean {
  const longSide = Math.max(image.width, image.height);
  if (longSide <= cap) return true;
  const output = Math.max(plan.width, plan.height);
  const region = Math.max(plan.region.width, plan.region.height);
  return output * longSide <= cap * region + longSide;
}
