import assert from "node:assert/strict";
import { GpuBackend, GpuJobError } from "../../src/gpu/mod.ts";
import { CpuBackend, type OpStep, type Raster } from "../../src/ops/mod.ts";
import { runBackendSuite } from "../ops/backend_suite.ts";
import { copyOf, gpuTest, photoRaster, sharedGpu } from "./_gpu_fixture.ts";
import { psnr } from "./_psnr.ts";

const gpu = sharedGpu();
runBackendSuite("gpu", gpu, gpuTest);

const cpu = new CpuBackend();

async function runCopy(backend: GpuBackend | CpuBackend, source: Raster, steps: OpStep[]) {
  const output = await backend.run(source, steps);
  const copy = copyOf(output);
  backend.release(output);
  return copy;
}

function whole(raster: Raster) {
  return { x: 0, y: 0, width: raster.width, height: raster.height };
}

gpuTest("GpuBackend keeps a keyed source resident, so its next tile uploads nothing", async () => {
  const backend = await GpuBackend.create({ sourceCacheBytes: 8 << 20, timeoutMs: 60_000 });
  try {
    const source = photoRaster(300, 200);
    const tile: OpStep[] = [{
      op: "resize",
      region: { x: 0, y: 0, width: 100, height: 100 },
      width: 50,
      height: 50,
    }];
    backend.release(await backend.run(source, tile, { sourceKey: "a" }));
    assert.equal(backend.lastTimings?.uploadedBytes, 300 * 200 * 4);
    const second = await backend.run(source, [{ op: "mirror" }], { sourceKey: "a" });
    assert.equal(backend.lastTimings?.uploadedBytes, 0);
    assert.deepEqual(copyOf(second), await runCopy(cpu, source, [{ op: "mirror" }]));
    backend.release(second);
    backend.release(await backend.run(source, tile));
    assert.equal(backend.lastTimings?.uploadedBytes, 300 * 200 * 4, "no key, no reuse");
    assert.equal(backend.stats().residentSources, 1);
  } finally {
    backend.destroy();
  }
});

gpuTest("GpuBackend bounds its resident sources by sourceCacheBytes", async () => {
  const backend = await GpuBackend.create({ sourceCacheBytes: 1 << 20, timeoutMs: 60_000 });
  try {
    for (const key of ["a", "b", "c"]) {
      backend.release(
        await backend.run(photoRaster(384, 384), [{ op: "gray" }], { sourceKey: key }),
      );
    }
    const { residentSources, residentBytes } = backend.stats();
    assert.ok(residentBytes <= 1 << 20, String(residentBytes));
    assert.equal(residentSources, 1, "576 KiB sources: one fits in 1 MiB");
    backend.release(await backend.run(photoRaster(384, 384), [{ op: "gray" }], { sourceKey: "c" }));
    assert.equal(backend.lastTimings?.uploadedBytes, 0, "the newest stays");
  } finally {
    backend.destroy();
  }
});

gpuTest("GpuBackend resizes a source beyond one binding in bands without seams", async () => {
  const source = photoRaster(211, 157);
  // 64 KiB holds 77 source rows or 4,096 sums: forces windows and bands of a few rows.
  const banded = await GpuBackend.create({
    sourceCacheBytes: 0,
    timeoutMs: 60_000,
    limits: { bindingBytes: 64 * 1024 },
  });
  try {
    const plans: OpStep[][] = [
      [{ op: "resize", region: whole(source), width: 70, height: 50 }],
      [{
        op: "resize",
        region: { x: 3.5, y: 10.25, width: 150, height: 120 },
        width: 90,
        height: 160,
      }],
      [{ op: "resize", region: whole(source), width: 100, height: 80 }, {
        op: "rotate90",
        quarterTurns: 1,
      }],
      [{ op: "resize", region: { x: 20, y: 100, width: 60, height: 40 }, width: 60, height: 40 }],
    ];
    const unbanded = await gpu();
    for (const steps of plans) {
      const expected = await runCopy(unbanded, source, steps);
      assert.deepEqual(await runCopy(banded, source, steps), expected, JSON.stringify(steps));
      assert.ok(psnr(expected, await runCopy(cpu, source, steps)) >= 45);
    }
  } finally {
    banded.destroy();
  }
});

gpuTest("GpuBackend refuses other steps on a source beyond one binding as too-large", async () => {
  const backend = await GpuBackend.create({
    sourceCacheBytes: 0,
    timeoutMs: 60_000,
    limits: { bindingBytes: 64 * 1024 },
  });
  try {
    const error = await backend.run(photoRaster(211, 157), [{ op: "mirror" }]).catch((e) => e);
    assert.ok(error instanceof GpuJobError && error.reason === "too-large", String(error));
    backend.release(await backend.run(photoRaster(20, 20), [{ op: "mirror" }]));
  } finally {
    backend.destroy();
  }
});

gpuTest("GpuBackend turns a real validation error into GpuJobError", async () => {
  // Windows at 4-byte offsets break the device's real binding-offset alignment.
  const backend = await GpuBackend.create({
    sourceCacheBytes: 0,
    timeoutMs: 60_000,
    limits: { bindingBytes: 8 * 1024, storageAlignment: 4 },
  });
  try {
    const source = photoRaster(33, 200);
    const steps: OpStep[] = [{ op: "resize", region: whole(source), width: 20, height: 100 }];
    const error = await backend.run(source, steps).catch((e) => e);
    assert.ok(error instanceof GpuJobError, String(error));
    assert.equal(error.reason, "validation");
  } finally {
    backend.destroy();
  }
});

gpuTest("GpuBackend fails a job that outlives timeoutMs, then retires the device", async () => {
  const backend = await GpuBackend.create({ sourceCacheBytes: 0, timeoutMs: 1 });
  try {
    const steps: OpStep[] = [{ op: "rotate", degrees: 33, background: "white" }];
    const error = await backend.run(photoRaster(1024, 1024), steps).catch((e) => e);
    assert.ok(error instanceof GpuJobError && error.reason === "timeout", String(error));
    const next = await backend.run(photoRaster(4, 4), [{ op: "gray" }]).catch((e) => e);
    assert.ok(next instanceof GpuJobError && next.reason === "device-lost", String(next));
  } finally {
    backend.destroy();
  }
});

gpuTest("GpuBackend reports device-lost after destroy, and RangeError before that", async () => {
  const backend = await GpuBackend.create({ sourceCacheBytes: 0, timeoutMs: 60_000 });
  const source = photoRaster(8, 8);
  backend.destroy();
  const error = await backend.run(source, [{ op: "gray" }]).catch((e) => e);
  assert.ok(error instanceof GpuJobError && error.reason === "device-lost", String(error));
  await assert.rejects(backend.run(source, [{ op: "bitonal", threshold: NaN }]), RangeError);
  await assert.rejects(
    backend.run({ width: 0, height: 1, data: new Uint8Array(0) }, []),
    RangeError,
  );
});

gpuTest("GpuBackend reuses its device buffers from job to job", async () => {
  const backend = await gpu();
  const source = photoRaster(256, 256);
  const steps: OpStep[] = [{ op: "resize", region: whole(source), width: 100, height: 100 }, {
    op: "gray",
  }];
  backend.release(await backend.run(source, steps));
  const pooled = backend.stats().pooledBytes;
  for (let i = 0; i < 5; i++) backend.release(await backend.run(source, steps));
  assert.equal(backend.stats().pooledBytes, pooled);
});
