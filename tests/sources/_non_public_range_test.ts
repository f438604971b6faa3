import assert from "node:assert/strict";
import { nonPublicRange } from "../../src/sources/_non_public_range.ts";

const CASES: [address: string, kind: string | undefined][] = [
  ["127.0.0.1", "a loopback address"],
  ["127.255.255.254", "a loopback address"],
  ["::1", "a loopback address"],
  ["[::1]", "a loopback address"],
  ["0:0:0:0:0:0:0:1", "a loopback address"],
  ["::ffff:127.0.0.1", "a loopback address"],
  ["::ffff:7f00:1", "a loopback address"],
  ["::127.0.0.1", "a loopback address"], // IPv4-compatible, deprecated but parseable
  ["64:ff9b::7f00:1", "a loopback address"], // NAT64
  ["2002:7f00:1::", "a loopback address"], // 6to4
  ["10.0.0.1", "a private-network address"],
  ["172.16.0.1", "a private-network address"],
  ["172.31.255.255", "a private-network address"],
  ["192.168.1.1", "a private-network address"],
  ["::ffff:10.1.2.3", "a private-network address"],
  ["fc00::1", "a private-network address"],
  ["fdff:ffff::1", "a private-network address"],
  ["64:ff9b:1::a00:1", "a private-network address"],
  ["100.64.0.1", "a carrier-grade NAT address"],
  ["100.127.255.255", "a carrier-grade NAT address"],
  ["169.254.169.254", "a link-local address"],
  ["fe80::1", "a link-local address"],
  ["FE80::1", "a link-local address"],
  ["febf::1", "a link-local address"],
  ["fec0::1", "a site-local address"],
  ["0.0.0.0", 'a "this network" address'],
  ["0.1.2.3", 'a "this network" address'],
  ["::", "the unspecified address"],
  ["192.0.0.8", "an IETF protocol address"],
  ["198.18.0.1", "a benchmarking address"],
  ["224.0.0.1", "a multicast address"],
  ["ff02::1", "a multicast address"],
  ["240.0.0.1", "a reserved or broadcast address"],
  ["255.255.255.255", "a reserved or broadcast address"],
  ["example.org", "not an IP address"],
  ["256.0.0.1", "not an IP address"],
  ["1.2.3", "not an IP address"],
  ["fe80::1%eth0", "not an IP address"],
  ["8.8.8.8", undefined],
  ["172.15.255.255", undefined],
  ["172.32.0.0", undefined],
  ["100.63.255.255", undefined],
  ["100.128.0.0", undefined],
  ["169.253.0.1", undefined],
  ["2606:4700:4700::1111", undefined],
  ["::ffff:8.8.8.8", undefined],
  ["64:ff9b::808:808", undefined],
  ["2002:808:808::1", undefined],
  ["fbff::1", undefined],
  ["fec0::", "a site-local address"],
];

for (const [address, kind] of CASES) {
  Deno.test(`nonPublicRange() calls ${address} ${kind ?? "public"}`, () => {
    assert.equal(nonPublicRange(address), kind);
  });
}
