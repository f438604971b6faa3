/**
 * The WebGPU backend: every image operation as a WGSL compute shader (`shaders/`), behind the same
 * `ImageBackend` interface as the CPU kernels and pixel-matched to them.
 *
 * - {@linkcode GpuBackend}: one device, one submit per job, pooled buffers, resident sources,
 *   sources beyond one storage binding resized in bands; failures as {@linkcode GpuJobError}.
 * - {@linkcode chooseBackend}: the `gpu: auto | on | off` rule, decided from the adapter.
 * - {@linkcode SwitchingBackend}: what a worker runs jobs on; routes by measured costs and re-runs
 *   failed GPU jobs on the CPU.
 *
 * @module
 */

export { type GpuAdapterSummary, probeGpuAdapter } from "./adapter.ts";
export { type GpuFailure, GpuJobError, GpuUnavailableError } from "./gpu_errors.ts";
export { GpuBackend, type GpuBackendOptions, type GpuPhaseTimings } from "./gpu_backend.ts";
export type { DeviceLimits } from "./job_plan.ts";
export { type BackendChoice, chooseBackend, type GpuMode } from "./backend_choice.ts";
export { type BackendCosts, measureCosts } from "./backend_costs.ts";
export {
  type SwitchedRun,
  SwitchingBackend,
  type SwitchingBackendOptions,
} from "./switching_backend.ts";
