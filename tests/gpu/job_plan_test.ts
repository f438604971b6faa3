import assert from "node:assert/strict";
import { GpuJobError } from "../../src/gpu/mod.ts";
import { type DeviceLimits, planJob } from "../../src/gpu/job_plan.ts";
import { resizeBands } from "../../src/gpu/resize_bands.ts";
import { axisWeights, type OpStep } from "../../src/ops/mod.ts";

const LIMITS: DeviceLimits = {
  bindingBytes: 128 << 20,
  bufferBytes: 2 ** 31 - 1,
  storageAlignment: 256,
  maxWorkgroups: 65535,
};

function isTooLarge(error: unknown): boolean {
  return error instanceof GpuJobError && error.reason === "too-large";
}

Deno.test("planJob() encodes a chain as dispatches writing even and odd buffers in turn", () => {
  const steps: OpStep[] = [
    { op: "resize", region: { x: 0, y: 0, width: 400, height: 300 }, width: 100, height: 75 },
    { op: "mirror" },
    { op: "rotate", degrees: 30, background: "white" },
    { op: "gray" },
  ];
  const plan = planJob({ width: 400, height: 300 }, steps, LIMITS);
  assert.deepEqual(
    plan.dispatches.map((d) => d.kernel),
    ["resizeVertical", "resizeHorizontal", "remap", "rotate", "gray"],
  );
  const written = plan.dispatches.map((d) => d.bindings.at(-1)!.role);
  assert.deepEqual(written, ["sums", "even", "odd", "even", "odd"]);
  assert.equal(plan.output.role, "odd");
  assert.deepEqual([plan.output.width, plan.output.height], [124, 115]);
  assert.equal(plan.bytes.sums, 400 * 75 * 16);
  assert.deepEqual(plan.dispatches[0].groups, [50, 10]);
});

Deno.test("planJob() plans a whole-pixel crop as a remap of the region's rows", () => {
  const steps: OpStep[] = [
    { op: "resize", region: { x: 10, y: 20, width: 30, height: 40 }, width: 30, height: 40 },
  ];
  const [remap] = planJob({ width: 100, height: 100 }, steps, LIMITS).dispatches;
  assert.equal(remap.kernel, "remap");
  // Rows 20…59 are bytes 8,000…23,999; the window starts at 7,936 for the 256-byte alignment,
  // so pixel indices drop by 1,984.
  assert.deepEqual(remap.bindings[0], { role: "source", offset: 7936, size: 24000 - 7936 });
  assert.deepEqual(remap.params, [30, 40, 20 * 100 + 10 - 1984, 1, 100]);
});

Deno.test("planJob() rejects bad steps with the CPU kernels' RangeErrors", () => {
  const size = { width: 4, height: 4 };
  const bad: OpStep[] = [
    { op: "resize", region: { x: 2, y: 0, width: 3, height: 4 }, width: 2, height: 2 },
    { op: "rotate90", quarterTurns: 4 as 1 },
    { op: "rotate", degrees: Infinity, background: "white" },
    { op: "bitonal", threshold: NaN },
  ];
  for (const step of bad) assert.throws(() => planJob(size, [step], LIMITS), RangeError);
  assert.throws(() => planJob(size, [{ op: "blur" } as unknown as OpStep], LIMITS), TypeError);
});

Deno.test("planJob() says too-large for what no binding, buffer or dispatch can hold", () => {
  const small = { ...LIMITS, bindingBytes: 4096 };
  assert.throws(() => planJob({ width: 40, height: 40 }, [{ op: "gray" }], small), isTooLarge);
  const enlarge: OpStep = {
    op: "resize",
    region: { x: 0, y: 0, width: 10, height: 10 },
    width: 100,
    height: 100,
  };
  assert.throws(() => planJob({ width: 10, height: 10 }, [enlarge], small), isTooLarge);
  const tinyBuffer = { ...LIMITS, bufferBytes: 1000 };
  assert.throws(() => planJob({ width: 40, height: 40 }, [{ op: "gray" }], tinyBuffer), isTooLarge);
  const fewGroups = { ...LIMITS, maxWorkgroups: 4 };
  assert.throws(() => planJob({ width: 40, height: 8 }, [{ op: "gray" }], fewGroups), isTooLarge);
});

Deno.test("planJob() binds one mark for a watermark, its offsets wrapped into the mark", () => {
  const mark = { width: 5, height: 3, data: new Uint8Array(5 * 3 * 4) };
  const marks = new Map([["a", mark], ["b", mark]]);
  const step: OpStep = { op: "watermark", image: "a", opacity: 77, x: 1027, y: -1 };
  const plan = planJob({ width: 40, height: 30 }, [step, { op: "gray" }, step], LIMITS, marks);
  const [watermark] = plan.dispatches;
  assert.equal(watermark.kernel, "watermark");
  assert.deepEqual(watermark.params, [40, 30, 5, 3, 2, 2, 77]);
  assert.deepEqual(watermark.bindings.map((b) => b.role), ["source", "mark", "even"]);
  assert.deepEqual([plan.mark?.key, plan.bytes.mark], ["a", 5 * 3 * 4]);
  assert.equal(plan.mark?.raster, mark, "the raster found, so the backend need not look again");
  const twoMarks = [step, { ...step, image: "b" }];
  assert.throws(() => planJob({ width: 40, height: 30 }, twoMarks, LIMITS, marks), isTooLarge);
});

Deno.test("resizeBands() keeps one band when everything fits", () => {
  const down = axisWeights({ start: 0, length: 300, sourceLength: 300 }, 100);
  const limits = { bindingBytes: 1 << 20, storageAlignment: 256 };
  const bands = resizeBands({ down, columns: 400, sourceWidth: 400, limits, windowed: false });
  assert.deepEqual(bands, [{ firstRow: 0, rows: 100, window: undefined }]);
});

Deno.test("resizeBands() covers every output row with windows holding every tap", () => {
  for (const [length, outLength] of [[1000, 97], [1000, 2300], [333.5, 333]]) {
    const down = axisWeights({ start: 0.25, length, sourceLength: 1001 }, outLength);
    const limits = { bindingBytes: 64 * 1024, storageAlignment: 256 };
    const request = { down, columns: 120, sourceWidth: 130, limits, windowed: true };
    const bands = resizeBands(request)!;
    assert.ok(bands.length > 5, `${bands.length} bands`);
    let next = 0;
    for (const { firstRow, rows, window } of bands) {
      assert.equal(firstRow, next);
      next += rows;
      assert.ok(rows * 120 * 16 <= limits.bindingBytes);
      assert.ok(window !== undefined && window.offset % 256 === 0);
      assert.ok(window.size <= limits.bindingBytes);
      assert.equal(window.base * 4, window.offset);
      for (let r = firstRow; r < firstRow + rows; r++) {
        assert.ok(window.offset <= down.first[r] * 130 * 4);
        assert.ok(window.offset + window.size >= (down.first[r] + down.count[r]) * 130 * 4);
      }
    }
    assert.equal(next, outLength);
  }
});

Deno.test("resizeBands() gives up when one output row exceeds a binding", () => {
  const down = axisWeights({ start: 0, length: 100, sourceLength: 100 }, 10);
  const limits = { bindingBytes: 1024, storageAlignment: 256 };
  assert.equal(
    resizeBands({ down, columns: 100, sourceWidth: 100, limits, windowed: false }),
    undefined,
  );
});
