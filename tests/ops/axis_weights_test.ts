import assert from "node:assert/strict";
import { type AxisSpan, type AxisWeights, axisWeights } from "../../src/ops/mod.ts";

/** Output pixel `i`'s weights, without the zero padding. */
function rowOf(table: AxisWeights, i: number): number[] {
  const start = i * table.taps;
  return [...table.weights.subarray(start, start + table.count[i])];
}

function assertClose(actual: number[], expected: number[], message?: string): void {
  assert.equal(actual.length, expected.length, message);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-6, `${message}: ${actual}`));
}

/** Every row: taps inside the source, within the stride, weights summing to 1. */
function assertWellFormed(table: AxisWeights, span: AxisSpan): void {
  for (let i = 0; i < table.first.length; i++) {
    assert.ok(table.first[i] >= 0 && table.count[i] >= 1 && table.count[i] <= table.taps);
    assert.ok(table.first[i] + table.count[i] <= span.sourceLength);
    const sum = rowOf(table, i).reduce((s, w) => s + w, 0);
    assert.ok(Math.abs(sum - 1) < 1e-6, `row ${i} sums to ${sum}`);
  }
}

Deno.test("axisWeights() averages exact coverage when reducing", () => {
  const table = axisWeights({ start: 0, length: 3, sourceLength: 3 }, 2);
  assert.equal(table.filter, "box");
  assert.deepEqual([...table.first], [0, 1]);
  assertClose(rowOf(table, 0), [2 / 3, 1 / 3]);
  assertClose(rowOf(table, 1), [1 / 3, 2 / 3]);
});

Deno.test("axisWeights() gives fractional edges their partial coverage", () => {
  const table = axisWeights({ start: 0.5, length: 3, sourceLength: 4 }, 1);
  assert.deepEqual([table.first[0], table.count[0]], [0, 4]);
  assertClose(rowOf(table, 0), [1 / 6, 1 / 3, 1 / 3, 1 / 6]);
});

Deno.test("axisWeights() adds no empty taps for float noise at pixel borders", () => {
  const span = { start: 0, length: 7 + 1e-12, sourceLength: 7 };
  const table = axisWeights(span, 7);
  assert.equal(table.filter, "box");
  assert.deepEqual([...table.first], [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual([...table.count], [1, 1, 1, 1, 1, 1, 1]);
});

Deno.test("axisWeights() builds well-formed tables for many spans", () => {
  const spans: [AxisSpan, number][] = [
    [{ start: 0, length: 6000, sourceLength: 6000 }, 1500],
    [{ start: 17.25, length: 333.5, sourceLength: 400 }, 71],
    [{ start: 0, length: 5, sourceLength: 5 }, 1],
    [{ start: 0, length: 1, sourceLength: 1 }, 9],
    [{ start: 3.5, length: 2.25, sourceLength: 8 }, 13],
    [{ start: 0, length: 256, sourceLength: 256 }, 512],
    [{ start: 1.5, length: 10, sourceLength: 12 }, 10],
  ];
  for (const [span, outLength] of spans) assertWellFormed(axisWeights(span, outLength), span);
});

Deno.test("axisWeights() uses six Lanczos-3 taps, clamped at the source edges", () => {
  const table = axisWeights({ start: 0, length: 8, sourceLength: 8 }, 16);
  assert.equal(table.filter, "lanczos3");
  assert.equal(table.taps, 6);
  assert.deepEqual([table.first[0], table.count[0]], [0, 3]); // taps -3…2 merged into 0…2
  assert.deepEqual([table.first[8], table.count[8]], [1, 6]); // centre 3.75: taps 1…6
  assert.deepEqual([table.first[15], table.count[15]], [5, 3]);
  // Lanczos-3 at distances 2.75, 1.75, 0.75, 0.25, 1.25, 2.25, normalised.
  const raw = [2.75, 1.75, 0.75, -0.25, -1.25, -2.25].map((x) => {
    const px = Math.PI * x;
    return (3 * Math.sin(px) * Math.sin(px / 3)) / (px * px);
  });
  const sum = raw.reduce((s, w) => s + w, 0);
  assertClose(rowOf(table, 8), raw.map((w) => w / sum));
});

Deno.test("axisWeights() reads neighbours outside the span but inside the source", () => {
  const table = axisWeights({ start: 2, length: 2, sourceLength: 10 }, 4);
  assert.equal(table.first[0], 0);
  assert.equal(table.first[3] + table.count[3], 7);
});

Deno.test("axisWeights() interpolates exactly at source pixel centres", () => {
  const table = axisWeights({ start: 0, length: 4, sourceLength: 4 }, 12);
  // Outputs 4 and 7 centre on sources 1 and 2: Lanczos is 0 at the other whole distances.
  assertClose(rowOf(table, 4), [0, 1, 0, 0]);
  assertClose(rowOf(table, 7), [0, 0, 1, 0]);
});

Deno.test("axisWeights() copies whole pixels one to one", () => {
  const table = axisWeights({ start: 5, length: 3, sourceLength: 8 }, 3);
  assert.equal(table.filter, "copy");
  assert.equal(table.taps, 1);
  assert.deepEqual([...table.first], [5, 6, 7]);
  assert.deepEqual([...table.count], [1, 1, 1]);
  assert.deepEqual([...table.weights], [1, 1, 1]);
});

Deno.test("axisWeights() rejects bad spans and sizes with RangeError", () => {
  const cases: [AxisSpan, number, string][] = [
    [{ start: 0, length: 4, sourceLength: 4 }, 0, 'span "start=0, length=4" to outLength "0"'],
    [{ start: 0, length: 4, sourceLength: 4 }, 1.5, 'to outLength "1.5"'],
    [{ start: 0, length: 4, sourceLength: 0 }, 2, 'sourceLength "0" not >= 1'],
    [{ start: 0, length: 0, sourceLength: 4 }, 2, "not inside 0..4"],
    [{ start: -1, length: 2, sourceLength: 4 }, 2, "not inside 0..4"],
    [{ start: 2, length: 2.5, sourceLength: 4 }, 2, 'span "start=2, length=2.5": not inside'],
  ];
  for (const [span, outLength, part] of cases) {
    assert.throws(
      () => axisWeights(span, outLength),
      (error) => error instanceof RangeError && error.message.includes(part),
      part,
    );
  }
});
