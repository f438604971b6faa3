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
    [{ x: 236, y: 136, width: 64, height: 64 }, 64, 64], // an edge tile: copy at the corner
    [{ x: 100, y: 50.5, width: 64, height: 20 }, 64, 70], // copy across, Lanczos down
    [{ x: 17.25, y: 40, width: 90.5, height: 33 }, 45, 33], // box across, copy down
    [{ x: 0, y: 0, width: 299, height: 199 }, 299, 199], // copy, one short of the edges
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

Deno.test("sourceWindow() widens each axis by its filter's margin only", () => {
  const size = { width: 750, height: 500 };
  const cases: [Rect, number, number, Rect][] = [
    // A copy reads exactly its region: an edge tile lies inside one stored tile.
    [{ x: 512, y: 256, width: 238, height: 244 }, 238, 244, {
      x: 512,
      y: 256,
      width: 238,
      height: 244,
    }],
    // A box reduction reads the pixels its region covers, fractions rounded outwards.
    [{ x: 10.5, y: 20, width: 100, height: 50.25 }, 50, 25, {
      x: 10,
      y: 20,
      width: 101,
      height: 51,
    }],
    // Lanczos-3 reads 3 more on each side, clamped to the source.
    [{ x: 1, y: 480, width: 20, height: 20 }, 40, 40, { x: 0, y: 477, width: 24, height: 23 }],
    // Each axis follows its own filter: copy across, a half-pixel shift (Lanczos) down.
    [{ x: 300, y: 100.5, width: 64, height: 64 }, 64, 64, {
      x: 300,
      y: 97,
      width: 64,
      height: 71,
    }],
  ];
  for (const [region, width, height, expected] of cases) {
    const { window } = sourceWindow([{ op: "resize", region, width, height }], size);
    assert.deepEqual(window, expected, JSON.stringify(region));
  }
});
