import type { Dimensions } from "./dimensions.ts";
import { checkLimits } from "./_check_limits.ts";
import { confinedSize, UNBOUNDED } from "./_confined_size.ts";
import { sizeText } from "./_parameter_text.ts";
import { IiifSyntaxError, NotImplementedError } from "./errors.ts";
import type { PlanLimits } from "./image_plan.ts";
import type { IiifVersion, SizeRequest } from "./image_request.ts";

/** What a size is resolved against. */
export interface SizeContext {
  readonly region: Dimensions;
  readonly version: IiifVersion;
  readonly limits: PlanLimits;
}

/**
 * Resolves a size against the extracted region: the output size before rotation.
 *
 * The confined forms (`max`, `^max`, `!w,h`, `^!w,h`) shrink to fit the server's limits and,
 * except `^` forms while `allowUpscaling`, the region (so `^max` without upscaling is `max`);
 * 2.1 `!w,h` fills its box when `allowUpscaling`. The explicit forms (`full`, `w,`, `,h`,
 * `pct:n`, `w,h`) are taken as asked, the derived sides rounded to the nearest pixel, and refused
 * when they exceed the limits, or the region without `^` (3.0) or without `allowUpscaling` (2.1).
 *
 * A size whose rounded width or height is 0 is refused (IIIF: 400 below 1 pixel), except the side
 * `w,` and `,h` derive from the aspect ratio, which is at least 1: the other side is given in
 * whole pixels, and OpenSeadragon asks for 2.1 tiles as `w,`, so the edge tile `0,2048,513,1` of
 * a 513×2049 image at scale factor 4 comes as `129,` and must give 129×1, not a 400.
 *
 * @example Usage
 * ```ts
 * import { resolveSize } from "./_resolve_size.ts";
 * import assert from "node:assert/strict";
 *
 * const limits = {
 *   maxWidth: 10000, maxHeight: 10000, maxArea: 1e8, allowUpscaling: true,
 *   jpegQuality: 85, subsampling: "420", bitonalThreshold: 128,
 * } as const;
 * const context = { region: { width: 6000, height: 4000 }, version: 3, limits } as const;
 * assert.deepEqual(resolveSize({ upscale: false, kind: "width", width: 1000 }, context), {
 *   width: 1000,
 *   height: 667,
 * });
 * ```
 *
 * @throws {IiifSyntaxError} When a side rounds to 0, or the size exceeds the limits, or the region
 * without permission.
 * @throws {NotImplementedError} For a 3.0 `^` size that needs upscaling while it is disabled.
 */
export function resolveSize(size: SizeRequest, context: SizeContext): Dimensions {
  const { region, limits } = context;
  switch (size.kind) {
    case "max": {
      // `max` must always be servable: a sliver confined by the limits keeps one pixel.
      const max = confinedSize(region, UNBOUNDED, {
        limits,
        upscale: size.upscale && limits.allowUpscaling,
      });
      return { width: Math.max(1, max.width), height: Math.max(1, max.height) };
    }
    case "confined":
      return nonEmpty(
        size,
        confinedSize(region, size, {
          limits,
          upscale: limits.allowUpscaling && (context.version === 2 || size.upscale),
        }),
      );
  }
  const result = nonEmpty(size, explicitSize(size, region));
  checkUpscaling(size, result, context);
  checkLimits(result, limits, { parameter: "size", value: sizeText(size) });
  return result;
}

/**
 * The height that keeps the region's aspect ratio at `width`: the `w,` rule.
 *
 * @example Usage
 * ```ts
 * import { heightForWidth } from "./_resolve_size.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(heightForWidth({ width: 6000, height: 4000 }, 1000), 667);
 * ```
 */
export function heightForWidth(region: Dimensions, width: number): number {
  return aspectSide(region.height * width / region.width);
}

/** The side `w,` or `,h` derives: rounded, and at least 1 pixel (see `resolveSize`). */
function aspectSide(exact: number): number {
  return Math.max(1, Math.round(exact));
}

function explicitSize(size: SizeRequest, region: Dimensions): Dimensions {
  switch (size.kind) {
    case "width":
      return { width: size.width, height: heightForWidth(region, size.width) };
    case "height":
      return {
        width: aspectSide(region.width * size.height / region.height),
        height: size.height,
      };
    case "percent":
      return {
        width: Math.round(region.width * size.percent / 100),
        height: Math.round(region.height * size.percent / 100),
      };
    case "exact":
      return { width: size.width, height: size.height };
    default: // `full`: resolveSize handles the confined forms itself
      return { width: region.width, height: region.height };
  }
}

function checkUpscaling(size: SizeRequest, result: Dimensions, context: SizeContext): void {
  const { region, version, limits } = context;
  const larger = result.width > region.width || result.height > region.height ||
    (size.kind === "percent" && size.percent > 100);
  if (!larger) return;
  const text = sizeText(size);
  const prefix = `Cannot satisfy size "${text}": ${result.width}×${result.height}`;
  const options = { parameter: "size", value: text } as const;
  if (version === 3 && !size.upscale) {
    throw new IiifSyntaxError(
      `${prefix} exceeds the ${region.width}×${region.height} region; prefix "^" to upscale`,
      options,
    );
  }
  if (limits.allowUpscaling) return;
  const message = `${prefix} needs upscaling, which this server does not do`;
  throw version === 3
    ? new NotImplementedError(message, options)
    : new IiifSyntaxError(message, options);
}

/** @returns `result`, unless a side rounded to 0 pixels. */
function nonEmpty(size: SizeRequest, result: Dimensions): Dimensions {
  if (result.width >= 1 && result.height >= 1) return result;
  const text = sizeText(size);
  throw new IiifSyntaxError(
    `Cannot satisfy size "${text}": it gives ${result.width}×${result.height} pixels, ` +
      "and each side must be at least 1",
    { parameter: "size", value: text },
  );
}
