import assert from "node:assert/strict";
import { BufferPool } from "../../src/ops/mod.ts";

Deno.test("BufferPool.acquire() rounds up to the size class", () => {
  const pool = new BufferPool();
  const cases: [number, number][] = [
    [0, 4096],
    [1, 4096],
    [4096, 4096],
    [4097, 5120],
    [6000, 6144],
    [7168, 7168],
    [8192, 8192],
    [8193, 10240],
    [6_000_000, 6_291_456],
    [96_000_000, 100_663_296],
  ];
  for (const [request, length] of cases) assert.equal(pool.acquire(request).length, length);
});

Deno.test("BufferPool.acquire() reuses a released array of the same class", () => {
  const pool = new BufferPool();
  const array = pool.acquire(10_000);
  pool.release(array);
  assert.equal(pool.idleBytes, 10240);
  assert.equal(pool.acquire(9_500), array);
  assert.equal(pool.idleBytes, 0);
  assert.notEqual(pool.acquire(9_500), array);
});

Deno.test("BufferPool.acquire() allocates afresh for another class", () => {
  const pool = new BufferPool();
  const array = pool.acquire(10_000);
  pool.release(array);
  assert.notEqual(pool.acquire(20_000), array);
  assert.notEqual(pool.acquire(5_000), array);
  assert.equal(pool.idleBytes, 10240);
});

Deno.test("BufferPool.acquire() rejects a bad byteLength with RangeError", () => {
  const pool = new BufferPool();
  for (const bad of [-1, 1.5, NaN, Infinity]) {
    assert.throws(() => pool.acquire(bad), {
      name: "RangeError",
      message: `Cannot acquire buffer of "${bad}" bytes: byteLength must be a non-negative integer`,
    });
  }
});

Deno.test("BufferPool.release() evicts the oldest idle arrays beyond maxIdleBytes", () => {
  const pool = new BufferPool({ maxIdleBytes: 12_000 });
  const older = pool.acquire(5120);
  const newer = pool.acquire(5120);
  const other = pool.acquire(4096);
  pool.release(older);
  pool.release(newer);
  assert.equal(pool.idleBytes, 10240);
  pool.release(other);
  assert.equal(pool.idleBytes, 5120 + 4096);
  assert.equal(pool.acquire(5120), newer);
  assert.notEqual(pool.acquire(5120), older);
});

Deno.test("BufferPool.release() drops an array larger than maxIdleBytes", () => {
  const pool = new BufferPool({ maxIdleBytes: 8192 });
  pool.release(pool.acquire(10_000));
  assert.equal(pool.idleBytes, 0);
});

Deno.test("BufferPool.release() ignores a second release of the same array", () => {
  const pool = new BufferPool();
  const array = pool.acquire(5000);
  pool.release(array);
  pool.release(array);
  assert.equal(pool.idleBytes, 5120);
  assert.equal(pool.acquire(5000), array);
  assert.notEqual(pool.acquire(5000), array);
});

Deno.test("BufferPool.release() ignores small, borrowed and detached arrays", () => {
  const pool = new BufferPool();
  const detached = new Uint8Array(8192);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  pool.release(new Uint8Array(100));
  pool.release(new Uint8Array(16384).subarray(4096));
  pool.release(detached);
  assert.equal(pool.idleBytes, 0);
});

Deno.test("BufferPool.release() files a foreign array under the largest class it covers", () => {
  const pool = new BufferPool();
  const decoded = new Uint8Array(7000);
  pool.release(decoded);
  assert.equal(pool.idleBytes, 7000);
  assert.notEqual(pool.acquire(6500), decoded); // the 7168 class: too big for it
  assert.equal(pool.acquire(6000), decoded); // the 6144 class
});

Deno.test("BufferPool() rejects a negative maxIdleBytes with RangeError", () => {
  assert.throws(() => new BufferPool({ maxIdleBytes: -1 }), {
    name: "RangeError",
    message: 'Cannot create buffer pool with maxIdleBytes "-1": must be zero or more',
  });
});

Deno.test("BufferPool makes its arrays with `allocate` and reuses them, shared memory included", () => {
  const made: number[] = [];
  const pool = new BufferPool({
    allocate: (byteLength) => {
      made.push(byteLength);
      return new Uint8Array(new SharedArrayBuffer(byteLength));
    },
  });
  const first = pool.acquire(10_000);
  assert.ok(first.buffer instanceof SharedArrayBuffer);
  pool.release(first);
  assert.equal(pool.acquire(9_000), first);
  assert.deepEqual(made, [10_240]);
});
