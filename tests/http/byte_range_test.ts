import assert from "node:assert/strict";
import { type ByteRange, parseByteRange } from "../../src/http/byte_range.ts";

Deno.test("parseByteRange() reads single ranges and ignores what it does not honour", () => {
  const whole: ByteRange = { kind: "whole" };
  const unsatisfiable: ByteRange = { kind: "unsatisfiable" };
  const part = (start: number, end: number): ByteRange => ({ kind: "part", start, end });
  const rows: [string | null, number, ByteRange][] = [
    [null, 100, whole],
    ["bytes=0-0", 100, part(0, 0)],
    ["bytes=10-19", 100, part(10, 19)],
    ["bytes = 10 - 19", 100, part(10, 19)],
    ["BYTES=10-", 100, part(10, 99)],
    ["bytes=90-500", 100, part(90, 99)],
    ["bytes=-10", 100, part(90, 99)],
    ["bytes=-500", 100, part(0, 99)],
    ["bytes=100-", 100, unsatisfiable],
    ["bytes=100-200", 100, unsatisfiable],
    ["bytes=-0", 100, unsatisfiable],
    ["bytes=-5", 0, unsatisfiable],
    ["bytes=0-", 0, unsatisfiable],
    ["bytes=5-2", 100, whole],
    ["bytes=-", 100, whole],
    ["bytes=0-1,4-5", 100, whole],
    ["items=0-1", 100, whole],
    ["bytes=a-b", 100, whole],
  ];
  for (const [header, size, expected] of rows) {
    assert.deepEqual(parseByteRange(header, size), expected, `${header} of ${size}`);
  }
});
