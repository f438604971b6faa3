import type { ImageBackend, OpStep, Raster } from "../ops/mod.ts";
import { rotatedSize, type Size } from "../ops/mod.ts";

/**
 * How a step's cost grows: `resample` with the source pixels a resize reads, `rotate` with the
 * pixels an arbitrary-angle rotation writes, `pointwise` (mirror, quarter turns, flatten, gray,
 * bitonal) with the pixels it touches.
 */
export type CostClass = "resample" | "rotate" | "pointwise";

/** Megapixels of work a plan does per cost class. */
export type Work = Readonly<Record<CostClass, number>>;

/** One backend's measured costs: a fixed cost per job plus a rate per class. */
export interface BackendCosts {
  readonly fixedMs: number;
  readonly msPerMegapixel: Work;
}

const MEGA = 1e6;

/** Megapixels each class of work touches when `steps` run on a `source`-sized raster. */
export function workOf(source: Size, steps: readonly OpStep[]): Work {
  const work = { resample: 0, rotate: 0, pointwise: 0 };
  let size: Size = source;
  for (const step of steps) {
    switch (step.op) {
      case "resize":
        work.resample += (step.region.width * step.region.height) / MEGA;
        size = step;
        break;
      case "rotate":
        size = rotatedSize(size.width, size.height, step.degrees);
        work.rotate += (size.width * size.height) / MEGA;
        break;
      case "rotate90":
        size = step.quarterTurns === 2 ? size : { width: size.height, height: size.width };
        work.pointwise += (size.width * size.height) / MEGA;
        break;
      default:
        work.pointwise += (size.width * size.height) / MEGA;
    }
  }
  return work;
}

/** The time `costs` predict for `work`, in milliseconds. */
export function predictMs(costs: BackendCosts, work: Work): number {
  const rates = costs.msPerMegapixel;
  return costs.fixedMs + work.resample * rates.resample + work.rotate * rates.rotate +
    work.pointwise * rates.pointwise;
}

/**
 * Measures `backend`'s costs with one tiny job (the fixed cost: upload, dispatch and readback
 * latency) and one probe per class (a 2048² → 512² reduction, a 30° turn of 1024², a 2048²
 * gray), each the best of two runs after a warm-up, so a first-run pipeline compile is not
 * counted.
 */
export async function measureCosts(backend: ImageBackend): Promise<BackendCosts> {
  const large = probeRaster(2048);
  const fixedMs = await bestOf(backend, probeRaster(1), [{ op: "gray" }]);
  const probes: [CostClass, Raster, OpStep[]][] = [
    ["resample", large, [{ op: "resize", region: wholeOf(large), width: 512, height: 512 }]],
    ["rotate", probeRaster(1024), [{ op: "rotate", degrees: 30, background: "white" }]],
    ["pointwise", large, [{ op: "gray" }]],
  ];
  const msPerMegapixel = { resample: 0, rotate: 0, pointwise: 0 };
  for (const [costClass, source, steps] of probes) {
    const ms = await bestOf(backend, source, steps);
    msPerMegapixel[costClass] = Math.max(0, ms - fixedMs) / workOf(source, steps)[costClass];
  }
  return { fixedMs, msPerMegapixel };
}

async function bestOf(backend: ImageBackend, source: Raster, steps: OpStep[]): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    backend.release(await backend.run(source, steps));
    if (run > 0) best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function wholeOf(raster: Raster) {
  return { x: 0, y: 0, width: raster.width, height: raster.height };
}

/** A square of varied, partly transparent pixels, so no backend meets a degenerate case. */
function probeRaster(side: number): Raster {
  const data = new Uint8Array(side * side * 4);
  for (let i = 0; i < data.length; i++) data[i] = Math.imul(i, 2654435761) >>> 24;
  return { width: side, height: side, data };
}
