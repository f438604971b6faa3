const IPV4_REGEXP = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

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
 * Whether `bytes` lies in the network `range`: the same address family and the same first
 * `range.prefix` bits.
 *
 * @param range A network's bytes and prefix length, as a CIDR range gives them.
 * @param bytes An address's bytes, from {@linkcode ipBytes}.
 */
export function inIpRange(
  range: { readonly bytes: Uint8Array; readonly prefix: number },
  bytes: Uint8Array,
): boolean {
  if (range.bytes.length !== bytes.length) return false;
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((range.bytes[bit >> 3] & mask) !== (bytes[bit >> 3] & mask)) return false;
  }
  return true;
}
