import assert from "node:assert/strict";
import { resizeWeights } from "../../src/ops/axis_weights.ts";
import { CpuBackend, type OpStep, type Raster } from "../../src/ops/mod.ts";

/** Opaque noise: every channel independent, so a lane that leaks into its neighbour shows. */
function opaqueNoise(width: number, height: number, seed = 7): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = (i & 3) === 3 ? 255 : seed >>> 24;
  }
  return { width, height, data };
}

/** The area average each output channel should have, in doubles, from the same weight tables. */
function exactReduction(source: Raster, step: Extract<OpStep, { op: "resize" }>): Float64Array {
  const { across, down } = resizeWeights(source, step);
  const out = new Float64Array(step.width * step.height * 4);
  for (let y = 0; y < step.height; y++) {
    for (let x = 0; x < step.width; x++) {
      for (let j = 0; j < down.count[y]; j++) {
        for (let i = 0; i < across.count[x]; i++) {
          const weight = down.weights[y * down.taps + j] * across.weights[x * across.taps + i];
          const s = ((down.first[y] + j) * source.width + across.first[x] + i) * 4;
          for (let c = 0; c < 4; c++) {
            out[(y * step.width + x) * 4 + c] += weight * source.data[s + c];
          }
        }
      }
    }
  }
  return out;
}

Deno.test("an opaque reduction of noise stays within 2 of the exact area average on every channel", async () => {
  const source = opaqueNoise(125, 97);
  const steps: Extract<OpStep, { op: "resize" }>[] = [
    { op: "resize", region: { x: 0, y: 0, width: 125, height: 97 }, width: 102, height: 80 },
    { op: "resize", region: { x: 3.5, y: 2.25, width: 100, height: 90 }, width: 31, height: 90 },
    { op: "resize", region: { x: 0, y: 0, width: 125, height: 97 }, width: 63, height: 49 },
    // Too wide for integer weights: the floating-point path, whose mean is within rounding.
    { op: "resize", region: { x: 0, y: 0, width: 125, height: 97 }, width: 1, height: 1 },
  ];
  const backend = new CpuBackend();
  for (const step of steps) {
    const output = await backend.run(source, [step]);
    const exact = exactReduction(source, step);
    let worst = 0;
    for (let i = 0; i < exact.length; i++) {
      worst = Math.max(worst, Math.abs(output.data[i] - exact[i]));
    }
    assert.ok(
      worst <= 2,
      `${JSON.stringify(step.region)} → ${step.width}×${step.height}: ${worst}`,
    );
    const pixels = output.data.subarray(0, exact.length);
    assert.ok(pixels.every((v, i) => i % 4 !== 3 || v === 255), "alpha stays opaque");
    backend.release(output);
  }
});

Deno.test("one translucent pixel in the window sends a reduction to the premultiplied path", async () => {
  // Opaque red beside a nearly transparent blue pixel in the last row and column: premultiplied,
  // the blue lends almost nothing; averaged as plain colours it would tint the corner.
  const source = opaqueNoise(9, 9);
  for (let i = 0; i < 81; i++) source.data.set([255, 0, 0, 255], i * 4);
  source.data.set([0, 0, 255, 1], 80 * 4);
  const backend = new CpuBackend();
  const step: OpStep = {
    op: "resize",
    region: { x: 0, y: 0, width: 9, height: 9 },
    width: 3,
    height: 3,
  };
  const output = await backend.run(source, [step]);
  assert.deepEqual([...output.data.subarray(8 * 4, 9 * 4)], [255, 0, 0, 227]);
});
