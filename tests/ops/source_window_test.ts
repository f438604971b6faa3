import assert from "node:assert/strict";
import {
  CpuBackend,
  type OpStep,
  type Raster,
  type Rect,
  sourceWindow,
} from "../../src/ops/mod.ts";
import { cropRaster } from "./_crop_raster.ts";

const cpu = new CpuBackend();

function testRaster(width: number, height: number): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = Math.imul(i + 7, 2654435761) >>> 24;
  return { width, height, data };
}

async function render(source: Raster, steps: readonly OpStep[]): Promise<Uint8Array> {
  const output = await cpu.run(source, steps);
  const bytes = output.data.slice(0, output.width * output.height * 4);
  cpu.release(output);
  return bytes;
}

Deno.test("sourceWindow() decodes only a window yet gives the whole source's pixels", async () => {
  const source = testRaster(300, 200);
  const regions: [Rect, number, number][] = [
    [{ x: 100, y: 50, width: 64, height: 64 }, 64, 64], // a tile: plain copy
    [{ x: 100.5, y: 50.25, width: 40, height: 30 }, 160, 120], // enlarged: Lanczos margin
    [{ x: 0, y: 0, width: 37.5, height: 200 }, 12, 50], // at the edges, reduced
    [{ x: 250, y: 150, width: 50, height: 50 }, 200, 200], // bottom-right corner, enlarged
    [{ x: 3.7, y: 190.2, width: 296.3, height: 9.8 }, 50, 20], // mixed
  ];
  for (const [region, width, height] of regions) {
    const steps: OpStep[] = [{ op: "resize", region, width, height }, { op: "mirror" }];
    const { window, steps: moved } = sourceWindow(steps, source);
    assert.ok(window.width * window.height < source.width * source.height, JSON.stringify(window));
    const expected = await render(source, steps);
    assert.deepEqual(
      await render(cropRaster(source, window), moved),
      expected,
      JSON.stringify(region),
    );
  }
});

Deno.test("sourceWindow() reads everything when the plan starts without a resize", () => {
  const steps: OpStep[] = [{ op: "rotate90", quarterTurns: 1 }];
  const { window, steps: same } = sourceWindow(steps, { width: 30, height: 20 });
  assert.deepEqual(window, { x: 0, y: 0, width: 30, height: 20 });
  assert.equal(same, steps);
  assert.deepEqual(sourceWindow([], { width: 3, height: 2 }).window, {
    x: 0,
    y: 0,
    width: 3,
    height: 2,
  });
});
