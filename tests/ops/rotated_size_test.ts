import assert from "node:assert/strict";
import { rotatedSize } from "../../src/ops/mod.ts";

Deno.test("rotatedSize() returns the rounded bounding box", () => {
  const cases: [number, number, number, number, number][] = [
    [100, 100, 45, 141, 141],
    [3, 2, 90, 2, 3],
    [3, 2, 180, 3, 2],
    [3, 2, 270, 2, 3],
    [20, 20, 30, 27, 27],
    [6000, 4000, 30, 7196, 6464],
    [6000, 4000, -30, 7196, 6464],
    [6000, 4000, 330, 7196, 6464],
    [1, 1, 45, 1, 1],
    [1, 100, 10, 18, 99],
  ];
  for (const [width, height, degrees, w, h] of cases) {
    assert.deepEqual(rotatedSize(width, height, degrees), { width: w, height: h }, `${degrees}°`);
  }
});

Deno.test("rotatedSize() rejects bad sides and angles with RangeError", () => {
  const cases: [number, number, number, string][] = [
    [0, 5, 10, 'Cannot rotate size "0x5": sides must be integers >= 1'],
    [5, 2.5, 10, 'Cannot rotate size "5x2.5": sides must be integers >= 1'],
    [5, 5, NaN, 'Cannot rotate by degrees "NaN": not a finite number'],
    [5, 5, Infinity, 'Cannot rotate by degrees "Infinity": not a finite number'],
  ];
  for (const [width, height, degrees, message] of cases) {
    assert.throws(() => rotatedSize(width, height, degrees), { name: "RangeError", message });
  }
});

const CASES: [number, [number, number]][] = [
  [0, [300, 200]],
  [90, [200, 300]],
  [180, [300, 200]],
  [270, [200, 300]],
  [360, [300, 200]],
  [45, [354, 354]],
  [22.5, [354, 300]],
  [135, [354, 354]],
  [0.5, [302, 203]],
  [359.5, [302, 203]],
];

for (const [degrees, expected] of CASES) {
  Deno.test(`rotatedSize() turns 300×200 by ${degrees}° into ${expected.join("×")}`, () => {
    const { width, height } = rotatedSize(300, 200, degrees);
    assert.deepEqual([width, height], expected);
  });
}

Deno.test("rotatedSize() gives one box for θ, 180° − θ, 180° + θ and 360° − θ", () => {
  for (let degrees = 0; degrees <= 90; degrees += 7.5) {
    const expected = rotatedSize(300, 200, degrees);
    for (const equivalent of [180 - degrees, 180 + degrees, 360 - degrees]) {
      assert.deepEqual(rotatedSize(300, 200, equivalent), expected, `${degrees}°`);
    }
  }
});
