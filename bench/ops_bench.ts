/**
 * The CPU kernels on request-sized rasters, through `CpuBackend` with a warm pool (as in a
 * worker): `deno bench -A bench/ops_bench.ts`.
 *
 * @module
 */
import { BufferPool, CpuBackend, type OpStep, type Raster } from "../src/ops/mod.ts";

const backend = new CpuBackend({ pool: new BufferPool({ maxIdleBytes: 1024 * 1024 * 1024 }) });

/** An opaque raster with a pattern varied enough that no branch is always taken. */
function noise(width: number, height: number): Raster {
  const data = new Uint8Array(width * height * 4);
  let seed = 12345;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = (i & 3) === 3 ? 255 : seed >>> 24;
  }
  return { width, height, data };
}

const photo = noise(6000, 4000);
const square = noise(1024, 1024);
const small = noise(256, 256);

async function runOnce(source: Raster, steps: OpStep[]): Promise<void> {
  backend.release(await backend.run(source, steps));
}

Deno.bench("resize box 6000×4000 → 1500×1000", { group: "resize" }, async () => {
  const region = { x: 0, y: 0, width: 6000, height: 4000 };
  await runOnce(photo, [{ op: "resize", region, width: 1500, height: 1000 }]);
});

const level = noise(1250, 1250);
Deno.bench(
  "resize box 1250² → 1024² (a pyramid level to !1024,1024)",
  { group: "resize" },
  async () => {
    const region = { x: 0, y: 0, width: 1250, height: 1250 };
    await runOnce(level, [{ op: "resize", region, width: 1024, height: 1024 }]);
  },
);

Deno.bench("resize copy of a 512 tile", { group: "resize" }, async () => {
  const region = { x: 2048, y: 1536, width: 512, height: 512 };
  await runOnce(photo, [{ op: "resize", region, width: 512, height: 512 }]);
});

Deno.bench("resize box of a 1024² region to a 512 tile", { group: "resize" }, async () => {
  const region = { x: 2048, y: 1024, width: 1024, height: 1024 };
  await runOnce(photo, [{ op: "resize", region, width: 512, height: 512 }]);
});

Deno.bench("resize lanczos3 256² → 512²", { group: "resize" }, async () => {
  const region = { x: 0, y: 0, width: 256, height: 256 };
  await runOnce(small, [{ op: "resize", region, width: 512, height: 512 }]);
});

Deno.bench("rotate90 6000×4000", async () => {
  await runOnce(photo, [{ op: "rotate90", quarterTurns: 1 }]);
});

Deno.bench("rotate 30° 1024²", async () => {
  await runOnce(square, [{ op: "rotate", degrees: 30, background: "white" }]);
});

Deno.bench("gray 6000×4000", async () => {
  await runOnce(photo, [{ op: "gray" }]);
});
