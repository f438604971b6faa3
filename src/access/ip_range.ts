import { inIpRange, ipBytes, type IpRange } from "../sources/mod.ts";

/**
 * Whether an address lies in any of the ranges. An IPv4-mapped IPv6 address
 * (`::ffff:192.0.2.7`, as a dual-stack socket reports IPv4 clients) is matched as its IPv4
 * address.
 *
 * @example Usage
 * ```ts
 * import { ipRangesContain, parseIpRange } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const ranges = [parseIpRange("192.0.2.0/24")!, parseIpRange("2001:db8::/32")!];
 * assert.equal(ipRangesContain(ranges, "::ffff:192.0.2.7"), true);
 * assert.equal(ipRangesContain(ranges, "2001:db9::1"), false);
 * ```
 *
 * @param ranges Parsed ranges.
 * @param address An IP address in any text form; anything else is in no range.
 */
export function ipRangesContain(ranges: readonly IpRange[], address: string): boolean {
  const bytes = unmapped(ipBytes(address));
  return bytes !== undefined && ranges.some((range) => inIpRange(range, bytes));
}

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function unmapped(bytes: Uint8Array | undefined): Uint8Array | undefined {
  if (bytes?.length !== 16 || !MAPPED_PREFIX.every((byte, i) => bytes[i] === byte)) return bytes;
  return bytes.subarray(12);
}
