import assert from "node:assert/strict";
import { BufferPool, CpuBackend } from "../../src/ops/mod.ts";
import { runBackendSuite } from "./backend_suite.ts";

runBackendSuite("cpu", () => new CpuBackend());

Deno.test("CpuBackend.run() returns intermediates to the pool and keeps the source", async () => {
  const pool = new BufferPool();
  const backend = new CpuBackend({ pool });
  const source = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 4).fill(200) };
  const output = await backend.run(source, [{ op: "mirror" }, { op: "gray" }, { op: "mirror" }]);
  // Three steps took two buffers: the first intermediate went back and was reused by the third
  // step. The source was never handed to the pool.
  assert.equal(pool.idleBytes, 64 * 64 * 4);
  backend.release(output);
  assert.equal(pool.idleBytes, 2 * 64 * 64 * 4);
  assert.ok(source.data.every((v) => v === 200));
});

Deno.test("CpuBackend.run() releases the intermediate when a step fails", async () => {
  const pool = new BufferPool();
  const backend = new CpuBackend({ pool });
  const source = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 4) };
  const region = { x: 0, y: 0, width: 65, height: 64 };
  await assert.rejects(
    backend.run(source, [{ op: "mirror" }, { op: "resize", region, width: 8, height: 8 }]),
    RangeError,
  );
  assert.equal(pool.idleBytes, 64 * 64 * 4);
});

Deno.test("CpuBackend.run() rejects a badly sized source with RangeError", async () => {
  const backend = new CpuBackend();
  const cases: [number, number, number, string][] = [
    [4, 4, 63, 'Cannot run steps on source "4x4": needs 64 bytes, data has 63'],
    [0, 4, 64, 'Cannot run steps on source "0x4": sides must be integers >= 1'],
    [2.5, 4, 64, 'Cannot run steps on source "2.5x4": sides must be integers >= 1'],
  ];
  for (const [width, height, bytes, message] of cases) {
    const source = { width, height, data: new Uint8Array(bytes) };
    await assert.rejects(backend.run(source, []), { name: "RangeError", message });
  }
});

Deno.test("CpuBackend.run() rejects an unknown op with TypeError", async () => {
  const backend = new CpuBackend();
  const source = { width: 1, height: 1, data: new Uint8Array(4) };
  // @ts-expect-error: a step from a newer planner
  await assert.rejects(backend.run(source, [{ op: "sharpen" }]), TypeError);
});
