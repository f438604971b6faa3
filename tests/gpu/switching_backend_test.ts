import assert from "node:assert/strict";
import {
  type BackendChoice,
  GpuBackend,
  type GpuBackendOptions,
  SwitchingBackend,
  type SwitchingBackendOptions,
} from "../../src/gpu/mod.ts";
import { BufferPool, CpuBackend, type OpStep } from "../../src/ops/mod.ts";
import { predictMs, workOf } from "../../src/gpu/backend_costs.ts";
import { gpuTest, photoRaster } from "./_gpu_fixture.ts";

const GPU: BackendChoice = { use: "gpu", reason: "gpu: on" };
const MIRROR: OpStep[] = [{ op: "mirror" }];

/** A switching backend whose GPU creations are counted and kept, and whose log is collected. */
async function start(
  choice: BackendChoice,
  options: Partial<SwitchingBackendOptions> & { gpu?: Partial<GpuBackendOptions> } = {},
) {
  const pool = new BufferPool();
  const created: GpuBackend[] = [];
  const log: string[] = [];
  const backend = await SwitchingBackend.start({
    choice,
    cpu: new CpuBackend({ pool }),
    pool,
    createGpu: async () => {
      const gpu = await GpuBackend.create({
        pool,
        sourceCacheBytes: 0,
        timeoutMs: 60_000,
        ...options.gpu,
      });
      created.push(gpu);
      return gpu;
    },
    log: (line) => log.push(line),
    firstRetryMs: 50,
    ...options,
  });
  return { backend, created, log };
}

async function runOn(backend: SwitchingBackend, steps = MIRROR, cpuOnly = false) {
  const run = await backend.run(photoRaster(40, 30), steps, { cpuOnly });
  backend.release(run.raster);
  return { backend: run.backend, fallback: run.fallback };
}

gpuTest(
  "SwitchingBackend re-runs a job on the CPU when the device is lost, then recreates it",
  async () => {
    const { backend, created, log } = await start(GPU);
    try {
      assert.deepEqual(await runOn(backend), { backend: "gpu", fallback: undefined });
      created[0].destroy();
      assert.deepEqual(await runOn(backend), { backend: "cpu", fallback: "device-lost" });
      assert.match(log.join("\n"), /GPU job failed \(device-lost\), re-run on the CPU/);
      assert.deepEqual(await runOn(backend), { backend: "cpu", fallback: "gpu-unavailable" });
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.deepEqual(await runOn(backend), { backend: "gpu", fallback: undefined });
      assert.equal(created.length, 2);
    } finally {
      backend.close();
    }
  },
);

gpuTest("SwitchingBackend stays on the CPU while the device cannot be recreated", async () => {
  let attempts = 0;
  let first: GpuBackend | undefined;
  const { backend, log } = await start(GPU, {
    createGpu: async () => {
      if (++attempts > 1) throw new Error("no device today");
      first = await GpuBackend.create({ sourceCacheBytes: 0, timeoutMs: 60_000 });
      return first;
    },
  });
  try {
    first!.destroy();
    assert.equal((await runOn(backend)).fallback, "device-lost");
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(await runOn(backend), { backend: "cpu", fallback: "gpu-unavailable" });
    assert.match(log.join("\n"), /Cannot recreate the GPU device.*no device today/);
    assert.equal(attempts, 2);
    assert.deepEqual(await runOn(backend), { backend: "cpu", fallback: "gpu-unavailable" });
    assert.equal(attempts, 2, "the next attempt waits twice as long");
  } finally {
    backend.close();
  }
});

gpuTest("SwitchingBackend keeps the device when a plan is only too large for it", async () => {
  const { backend, created } = await start(GPU, { gpu: { limits: { bindingBytes: 4096 } } });
  try {
    assert.deepEqual(await runOn(backend), { backend: "cpu", fallback: "too-large" });
    const small = await backend.run(photoRaster(8, 8), MIRROR);
    assert.equal(small.backend, "gpu");
    backend.release(small.raster);
    assert.equal(created.length, 1);
  } finally {
    backend.close();
  }
});

gpuTest("SwitchingBackend runs cpuOnly retries and cpu choices on the CPU", async () => {
  const { backend } = await start(GPU);
  const cpuOnly = await start({ use: "cpu", reason: "gpu: off" });
  try {
    assert.deepEqual(await runOn(backend, MIRROR, true), { backend: "cpu", fallback: undefined });
    assert.deepEqual(await runOn(cpuOnly.backend), { backend: "cpu", fallback: undefined });
    assert.equal(cpuOnly.created.length, 0);
    const bad: OpStep[] = [{ op: "bitonal", threshold: NaN }];
    await assert.rejects(backend.run(photoRaster(4, 4), bad), RangeError);
  } finally {
    backend.close();
  }
});

gpuTest("SwitchingBackend in measure mode routes by measured costs", async () => {
  const { backend } = await start({ use: "measure", reason: "test" });
  try {
    const costs = backend.costs!;
    for (const side of [costs.cpu, costs.gpu]) {
      assert.ok(side.fixedMs >= 0 && Object.values(side.msPerMegapixel).every((v) => v >= 0));
    }
    const steps: OpStep[] = [{ op: "gray" }];
    const run = await runOn(backend, steps);
    const work = workOf({ width: 40, height: 30 }, steps);
    const gpuFaster = predictMs(costs.gpu, work) < predictMs(costs.cpu, work);
    assert.equal(run.backend, gpuFaster ? "gpu" : "cpu");
    assert.equal(run.fallback, undefined);
  } finally {
    backend.close();
  }
});
