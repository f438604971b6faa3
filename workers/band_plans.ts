import type { ImagePlan } from "../src/iiif/mod.ts";

/** One horizontal band of a plan's output: rows `top` … `top + plan.height - 1`. */
export interface BandPlan {
  readonly top: number;
  /** The plan of that band alone: the same resize over the source rows those output rows read. */
  readonly plan: ImagePlan;
  /** How many rows of the decoded source those are (fractional). */
  readonly sourceRows: number;
}

/** Bands are at least this many output rows: below it a band's fixed costs outweigh its share. */
export const MIN_BAND_ROWS = 256;

/**
 * Splits a plan whose only step is a resize into `count` bands of output rows, each planned as
 * the resize of the source rows its output rows cover, so workers can make them at once. The bands
 * put together are the unsplit output within 2: floating-point rounding in the weight tables (1
 * at most in the tests), and a band whose window is all opaque takes the integer reduction where
 * the whole window, with a translucent pixel elsewhere, did not.
 *
 * @returns The bands top to bottom, or `undefined` when the plan cannot be split that way (any
 *   other step, or fewer than `MIN_BAND_ROWS` rows per band).
 */
export function bandPlans(plan: ImagePlan, count: number): BandPlan[] | undefined {
  const [step, ...rest] = plan.steps;
  if (step?.op !== "resize" || rest.length > 0 || count < 2) return undefined;
  if (step.height < count * MIN_BAND_ROWS) return undefined;
  const rowsPerOutputRow = step.region.height / step.height;
  const bands: BandPlan[] = [];
  for (let band = 0; band < count; band++) {
    const top = Math.round((band * step.height) / count);
    const bottom = Math.round(((band + 1) * step.height) / count);
    const region = {
      ...step.region,
      y: step.region.y + top * rowsPerOutputRow,
      height: (bottom - top) * rowsPerOutputRow,
    };
    const steps = [{ ...step, region, height: bottom - top }];
    bands.push({ top, plan: { ...plan, height: bottom - top, steps }, sourceRows: region.height });
  }
  return bands;
}
