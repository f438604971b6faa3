import assert from "node:assert/strict";
import { BufferPool, CpuBackend, type ImageBackend, type OpStep } from "../../src/ops/mod.ts";
import { warmUp } from "../../workers/warm_up.ts";

Deno.test("warmUp() runs both resampling filters and gives every buffer back to the pool", async () => {
  const pool = new BufferPool({ maxIdleBytes: 64 << 20 });
  const cpu = new CpuBackend({ pool });
  const runs: OpStep[][] = [];
  const recording: ImageBackend = {
    ...cpu,
    name: cpu.name,
    run: (source, steps, options) => {
      runs.push([...steps]);
      return cpu.run(source, steps, options);
    },
    release: (raster) => cpu.release(raster),
  };
  await warmUp(recording, pool);
  const sizes = runs.map(([step]) => step.op === "resize" && step.width);
  assert.ok(sizes.includes(211) && sizes.includes(300), JSON.stringify(sizes));
  const idle = pool.idleBytes;
  await warmUp(recording, pool);
  assert.equal(pool.idleBytes, idle, "a second warm-up took new memory: something was kept");
});
