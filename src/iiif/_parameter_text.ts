import { formatNumber } from "./_format_number.ts";
import type { RegionRequest, SizeRequest } from "./image_request.ts";

/**
 * Writes a parsed region back in URL syntax, to quote it in error messages raised after parsing.
 *
 * @example Usage
 * ```ts
 * import { regionText } from "./_parameter_text.ts";
 * import assert from "node:assert/strict";
 *
 * const region = { kind: "percent", x: 0, y: 12.5, width: 50, height: 50 } as const;
 * assert.equal(regionText(region), "pct:0,12.5,50,50");
 * ```
 */
export function regionText(region: RegionRequest): string {
  if (region.kind === "full" || region.kind === "square") return region.kind;
  const numbers = [region.x, region.y, region.width, region.height].map(formatNumber).join(",");
  return region.kind === "percent" ? `pct:${numbers}` : numbers;
}

/**
 * Writes a parsed size back in URL syntax, to quote it in error messages raised after parsing.
 *
 * @example Usage
 * ```ts
 * import { sizeText } from "./_parameter_text.ts";
 * import assert from "node:assert/strict";
 *
 * const size = { upscale: true, kind: "confined", width: 200, height: 100 } as const;
 * assert.equal(sizeText(size), "^!200,100");
 * ```
 */
export function sizeText(size: SizeRequest): string {
  return (size.upscale ? "^" : "") + sizeFormText(size);
}

function sizeFormText(size: SizeRequest): string {
  switch (size.kind) {
    case "max":
    case "full":
      return size.kind;
    case "width":
      return `${size.width},`;
    case "height":
      return `,${size.height}`;
    case "percent":
      return `pct:${formatNumber(size.percent)}`;
    case "exact":
      return `${size.width},${size.height}`;
    case "confined":
      return `!${size.width},${size.height}`;
  }
}
