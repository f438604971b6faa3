const IPV4_REGEXP = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const PREFIX_REGEXP = /^\d{1,3}$/;

/** An address range: the network's bytes (4 for IPv4, 16 for IPv6) and its prefix length. */
export interface IpRange {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/**
 * The bytes of an IP address: 4 for dotted IPv4 (`10.0.0.1`), 16 for IPv6 in any text form
 * (`::1`, `::ffff:127.0.0.1`, `fe80:0:0::1`, with or without brackets).
 *
 * @param text An address as a URL host or a DNS answer writes it.
 * @returns Its bytes, or `undefined` when `text` is no IP address (a host name, a zone index).
 */
export function ipBytes(text: string): Uint8Array | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return bare.includes(":") ? ipv6Bytes(bare) : ipv4Bytes(bare);
}

function ipv4Bytes(text: string): Uint8Array | undefined {
  const octets = IPV4_REGEXP.exec(text)?.slice(1).map(Number);
  return octets?.every((octet) => octet <= 255) ? Uint8Array.from(octets) : undefined;
}

/**
 * The WHATWG URL parser validates IPv6 and rewrites every form (a dotted IPv4 tail, leading
 * zeros, upper case) as hex groups with at most one `::`, which leaves only `::` to expand.
 */
function ipv6Bytes(text: string): Uint8Array | undefined {
  if (!URL.canParse(`http://[${text}]/`)) return undefined;
  const canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.split("::").map((part) => part === "" ? [] : part.split(":"));
  const zeros = tail === undefined ? [] : Array(8 - head.length - tail.length).fill("0");
  const bytes = new Uint8Array(16);
  [...head, ...zeros, ...(tail ?? [])].forEach((group, index) => {
    const value = parseInt(group, 16);
    bytes[2 * index] = value >> 8;
    bytes[2 * index + 1] = value & 0xff;
  });
  return bytes;
}

/**
 * Parses a CIDR range (`10.0.0.0/8`, `2001:db8::/32`) or a single address (`192.0.2.7`, a /32 or
 * /128).
 *
 * @example Usage
 * ```ts
 * import { parseIpRange } from "./_ip_bytes.ts";
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
 * Whether `bytes` lies in the network `range`: the same address family and the same first
 * `range.prefix` bits.
 *
 * @param range A network, from {@linkcode parseIpRange}.
 * @param bytes An address's bytes, from {@linkcode ipBytes}.
 */
export function inIpRange(range: IpRange, bytes: Uint8Array): boolean {
  if (range.bytes.length !== bytes.length) return false;
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((range.bytes[bit >> 3] & mask) !== (bytes[bit >> 3] & mask)) return false;
  }
  return true;
}
