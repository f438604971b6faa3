import assert from "node:assert/strict";
import { ipRangesContain, parseIpRange } from "../../src/access/mod.ts";

Deno.test("parseIpRange() reads CIDR ranges and single addresses of both families", () => {
  assert.deepEqual(parseIpRange("192.0.2.0/24"), {
    bytes: new Uint8Array([192, 0, 2, 0]),
    prefix: 24,
  });
  assert.equal(parseIpRange("192.0.2.7")?.prefix, 32);
  assert.equal(parseIpRange("2001:db8::/32")?.bytes.length, 16);
  assert.equal(parseIpRange("::1")?.prefix, 128);
});

Deno.test("parseIpRange() refuses what is no range", () => {
  for (
    const text of ["", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/8/8", "host/8", "1.2.3"]
  ) {
    assert.equal(parseIpRange(text), undefined, text);
  }
  assert.equal(parseIpRange("10.0.0.0/-1"), undefined);
});

const CONTAINS_CASES: readonly (readonly [string, string, boolean])[] = [
  ["192.0.2.0/24", "192.0.2.255", true],
  ["192.0.2.0/24", "192.0.3.0", false],
  ["192.0.2.0/24", "::ffff:192.0.2.9", true],
  ["10.0.0.0/8", "10.255.1.2", true],
  ["0.0.0.0/0", "203.0.113.5", true],
  ["0.0.0.0/0", "2001:db8::1", false],
  ["2001:db8::/32", "2001:db8:ffff::1", true],
  ["2001:db8::/32", "2001:db9::1", false],
  ["192.0.2.7", "192.0.2.7", true],
  ["192.0.2.7", "192.0.2.8", false],
  ["10.0.0.0/8", "not-an-address", false],
];

Deno.test("ipRangesContain() matches addresses by prefix, IPv4-mapped as IPv4", () => {
  for (const [range, address, expected] of CONTAINS_CASES) {
    assert.equal(
      ipRangesContain([parseIpRange(range)!], address),
      expected,
      `${address} in ${range}`,
    );
  }
  assert.equal(ipRangesContain([], "10.0.0.1"), false);
});
