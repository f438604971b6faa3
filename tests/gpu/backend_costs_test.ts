import assert from "node:assert/strict";
import { type BackendCosts, predictMs, workOf } from "../../src/gpu/backend_costs.ts";
import type { OpStep } from "../../src/ops/mod.ts";

Deno.test("workOf() follows the size through the steps", () => {
  const steps: OpStep[] = [
    { op: "resize", region: { x: 0, y: 0, width: 4000, height: 2000 }, width: 1000, height: 500 },
    { op: "rotate90", quarterTurns: 1 },
    { op: "rotate", degrees: 90.5, background: "white" },
    { op: "gray" },
  ];
  const work = workOf({ width: 6000, height: 4000 }, steps);
  assert.equal(work.resample, 8);
  // The 500×1000 turn by 90.5° is a box of round(500 cos + 1000 sin) × round(1000 cos + 500 sin).
  const turned = 1004 * 509 / 1e6;
  assert.ok(Math.abs(work.rotate - turned) < 1e-9, String(work.rotate));
  assert.ok(Math.abs(work.pointwise - (0.5 + turned)) < 1e-9, String(work.pointwise));
});

Deno.test("predictMs() adds the fixed cost to the work times the rates", () => {
  const costs: BackendCosts = {
    fixedMs: 11,
    msPerMegapixel: { resample: 2, rotate: 5, pointwise: 1 },
  };
  assert.equal(predictMs(costs, { resample: 8, rotate: 0.5, pointwise: 3 }), 11 + 16 + 2.5 + 3);
});

Deno.test("predictMs() favours a low fixed cost for tiles and a low rate for large jobs", () => {
  // Shaped like a discrete GPU next to a CPU: slow to start, fast per pixel.
  const gpu: BackendCosts = {
    fixedMs: 3,
    msPerMegapixel: { resample: 0.2, rotate: 0.3, pointwise: 0.1 },
  };
  const cpu: BackendCosts = {
    fixedMs: 0.1,
    msPerMegapixel: { resample: 6, rotate: 12, pointwise: 2 },
  };
  const tile = workOf({ width: 256, height: 256 }, [{ op: "mirror" }]);
  assert.ok(predictMs(cpu, tile) < predictMs(gpu, tile));
  const region = { x: 0, y: 0, width: 6000, height: 4000 };
  const large = workOf({ width: 6000, height: 4000 }, [
    { op: "resize", region, width: 1500, height: 1000 },
    { op: "rotate", degrees: 30, background: "transparent" },
  ]);
  assert.ok(predictMs(gpu, large) < predictMs(cpu, large));
});
