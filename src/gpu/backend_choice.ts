import type { GpuAdapterSummary } from "./mod.ts";

/** The `gpu` configuration key. */
export type GpuMode = "auto" | "on" | "off";

/**
 * What a worker starts with: `cpu` only; `gpu` for every job (with the CPU as fallback); or
 * `measure`, meaning a GPU device is created and each job goes to the backend its measured costs
 * predict faster (see `backend_costs.ts`).
 */
export interface BackendChoice {
  readonly use: "cpu" | "gpu" | "measure";
  /** Why, in words an operator can act on; shown in `/status` and the start-up log. */
  readonly reason: string;
}

/**
 * Software rasterisers that WebGPU may expose as an adapter. Every operation measured slower on
 * llvmpipe than in one TypeScript thread (README, "Choosing the backend"), and the others are
 * of the same kind.
 */
const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|softpipe|swiftshader|warp|microsoft basic render/i;

/**
 * The backend rule for `gpu: auto | on | off`, decided from the adapter before any device exists:
 * - `off`: the CPU.
 * - `on`: the GPU; there must be an adapter.
 * - `auto`: the CPU without an adapter or with a software one (its "GPU" is the same CPU cores
 *   through a slower path); with a hardware adapter, measure and route each job.
 *
 * @param adapter The adapter found, or `undefined` when WebGPU has none.
 * @throws {Error} `on` without an adapter: the operator asked for something this host lacks.
 */
export function chooseBackend(
  mode: GpuMode,
  adapter: GpuAdapterSummary | undefined,
): BackendChoice {
  if (mode === "off") return { use: "cpu", reason: "gpu: off" };
  if (mode === "on") {
    if (!adapter) {
      throw new Error(
        "Cannot start with gpu: on: WebGPU found no adapter (install a GPU driver or Mesa, " +
          "or set gpu: auto)",
      );
    }
    return { use: "gpu", reason: `gpu: on (${adapter.description})` };
  }
  if (!adapter) return { use: "cpu", reason: "gpu: auto found no WebGPU adapter" };
  if (adapter.isFallbackAdapter || SOFTWARE_ADAPTER.test(adapter.description)) {
    return {
      use: "cpu",
      reason: `gpu: auto chose the CPU: "${adapter.description}" is a software adapter, ` +
        "slower than the CPU kernels",
    };
  }
  return {
    use: "measure",
    reason: `gpu: auto measures each job's cost on "${adapter.description}"`,
  };
}
