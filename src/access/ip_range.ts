import { inIpRange, ipBytes } from "../sources/mod.ts";

/** An address range: the network's bytes (4 for IPv4, 16 for IPv6) and its prefix length. */
export interface IpRange {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

const PREFIX_REGEXP = /^\d{1,3}$/;

/**
 * Parses a CIDR range (`10.0.0.0/8`, `2001:db8::/32`) or a single address (`192.0.2.7`, a /32 or
 * /128).
 *
 * @example Usage
 * ```ts
 * import { parseIpRange } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseIpRange("10.1.0.0/16"), { bytes: new Uint8Array([10, 1, 0, 0]), prefix: 16 });
 * assert.equal(parseIpRange("10.0.0.0/33"), undefined);
 * ```
 *
 * @param text The range as an operator writes it.
 * @returns The range, or `undefined` when `text` is not one.
 */
export function parseIpRange(text: string): IpRange | undefined {
  const [address, prefixText, ...rest] = text.trim().split("/");
  const bytes = ipBytes(address);
  if (bytes === undefined || rest.length > 0) return undefined;
  if (prefixText === undefined) return { bytes, prefix: bytes.length * 8 };
  const prefix = PREFIX_REGEXP.test(prefixText) ? Number(prefixText) : NaN;
  return prefix <= bytes.length * 8 ? { bytes, prefix } : undefined;
}

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
