import { inIpRange, ipBytes, parseIpRange } from "./_ip_bytes.ts";

const LOOPBACK = "a loopback address";
const PRIVATE = "a private-network address";
const LINK_LOCAL = "a link-local address";
const MULTICAST = "a multicast address";

/** Ranges no remote source may be fetched from unless a profile allows private networks. */
const NON_PUBLIC_RANGES: readonly (readonly [cidr: string, kind: string])[] = [
  ["0.0.0.0/8", 'a "this network" address'],
  ["10.0.0.0/8", PRIVATE],
  ["100.64.0.0/10", "a carrier-grade NAT address"],
  ["127.0.0.0/8", LOOPBACK],
  ["169.254.0.0/16", LINK_LOCAL],
  ["172.16.0.0/12", PRIVATE],
  ["192.0.0.0/24", "an IETF protocol address"],
  ["192.168.0.0/16", PRIVATE],
  ["198.18.0.0/15", "a benchmarking address"],
  ["224.0.0.0/4", MULTICAST],
  ["240.0.0.0/4", "a reserved or broadcast address"],
  ["::/128", "the unspecified address"],
  ["::1/128", LOOPBACK],
  ["64:ff9b:1::/48", PRIVATE],
  ["fc00::/7", PRIVATE],
  ["fe80::/10", LINK_LOCAL],
  ["fec0::/10", "a site-local address"],
  ["ff00::/8", MULTICAST],
];

/**
 * IPv6 ranges that carry an IPv4 address, at the given byte offset, which a host reaches: mapped
 * (`::ffff:127.0.0.1`), the old IPv4-compatible form, NAT64 and 6to4. The IPv4 address decides.
 */
const IPV4_CARRYING_RANGES: readonly (readonly [cidr: string, offset: number])[] = [
  ["::ffff:0:0/96", 12],
  ["::/96", 12],
  ["64:ff9b::/96", 12],
  ["2002::/16", 2],
];

const NON_PUBLIC = NON_PUBLIC_RANGES.map(([cidr, kind]) => ({ ...parseIpRange(cidr)!, kind }));
const IPV4_CARRYING = IPV4_CARRYING_RANGES.map(([cidr, offset]) => ({
  ...parseIpRange(cidr)!,
  offset,
}));

/**
 * What kind of non-public address `address` is, for a message ("a loopback address"), or
 * `undefined` for a public unicast address. IPv4 addresses inside IPv6 ones (mapped, NAT64,
 * 6to4) are judged by the IPv4 address; text that is no IP address is never public.
 *
 * @example Usage
 * ```ts
 * import { nonPublicRange } from "./_non_public_range.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(nonPublicRange("::ffff:127.0.0.1"), "a loopback address");
 * assert.equal(nonPublicRange("93.184.215.14"), undefined);
 * ```
 *
 * @param address An IP address in any text form.
 */
export function nonPublicRange(address: string): string | undefined {
  const bytes = ipBytes(address);
  if (bytes === undefined) return "not an IP address";
  const range = NON_PUBLIC.find((range) => inIpRange(range, bytes));
  if (range !== undefined) return range.kind;
  const carrier = IPV4_CARRYING.find((range) => inIpRange(range, bytes));
  if (carrier === undefined) return undefined;
  const ipv4 = bytes.subarray(carrier.offset, carrier.offset + 4);
  return NON_PUBLIC.find((range) => inIpRange(range, ipv4))?.kind;
}
