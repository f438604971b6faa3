/**
 * Image operations: the RGBA8 {@linkcode Raster}, the plan's {@linkcode OpStep}s, and the
 * {@linkcode ImageBackend} that runs them. {@linkcode CpuBackend} implements it with one
 * TypeScript kernel per operation (`cpu/<op>.ts`); the WebGPU backend (`src/gpu/`) implements it
 * with one compute shader per operation and shares the pure geometry exported here:
 * {@linkcode axisFilter} and {@linkcode axisWeights} (resampling taps per axis) and
 * {@linkcode rotatedSize} (the bounding box of a rotation, also used by the planner). Large
 * buffers come from a {@linkcode BufferPool}.
 *
 * @example Halve an image and turn it a quarter
 * ```ts
 * import assert from "node:assert/strict";
 * const backend = new CpuBackend();
 * const source = { width: 4, height: 2, data: new Uint8Array(4 * 2 * 4).fill(200) };
 * const region = { x: 0, y: 0, width: 4, height: 2 };
 * const output = await backend.run(source, [
 *   { op: "resize", region, width: 2, height: 1 },
 *   { op: "rotate90", quarterTurns: 1 },
 * ]);
 * assert.equal(output.width, 1);
 * assert.equal(output.height, 2);
 * assert.equal(output.data[0], 200);
 * backend.release(output);
 * ```
 *
 * @module
 */
export type { Raster, Rect } from "./raster.ts";
export type { OpName, OpStep, RotationBackground } from "./op_step.ts";
export type { BackendName, ImageBackend, RunOptions } from "./backend.ts";
export { BufferPool, type BufferPoolOptions, sizeClassAbove } from "./buffer_pool.ts";
export { CpuBackend, type CpuBackendOptions } from "./cpu_backend.ts";
export { axisFilter, type AxisFilterName, type AxisFilterOptions } from "./axis_filter.ts";
export {
  type AxisSpan,
  type AxisWeights,
  axisWeights,
  type ResizeWeights,
  resizeWeights,
  type TapRange,
  tapRange,
} from "./axis_weights.ts";
export { rotatedSize, type Size } from "./rotated_size.ts";
export { type SourceWindow, sourceWindow } from "./source_window.ts";
export { cropMap, mirrorMap, type PixelMap, quarterTurnMap } from "./pixel_map.ts";
export {
  checkRaster,
  checkThreshold,
  stepsOrCopy,
  unknownStep,
  watermarkOf,
  type WatermarkStep,
  wrapIndex,
} from "./run_input.ts";
