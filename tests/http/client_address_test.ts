import assert from "node:assert/strict";
import { clientAddress, rememberPeer } from "../../src/http/client_address.ts";

Deno.test("clientAddress() is the connection's peer without a configured header", () => {
  const request = new Request("http://tessera.test/", {
    headers: { "x-forwarded-for": "192.0.2.1" },
  });
  assert.equal(clientAddress(request, null), undefined);
  rememberPeer(request, { transport: "tcp", hostname: "203.0.113.5", port: 5000 });
  assert.equal(clientAddress(request, null), "203.0.113.5");
});

Deno.test("clientAddress() takes the header's last entry, which the nearest proxy wrote", () => {
  const forwarded = (value: string) =>
    new Request("http://tessera.test/", { headers: { "x-forwarded-for": value } });
  assert.equal(clientAddress(forwarded("10.0.0.1, 192.0.2.9"), "X-Forwarded-For"), "192.0.2.9");
  assert.equal(clientAddress(forwarded(" 2001:db8::1 "), "x-forwarded-for"), "2001:db8::1");
  assert.equal(clientAddress(forwarded("10.0.0.1,"), "X-Forwarded-For"), undefined);
  const bare = new Request("http://tessera.test/");
  rememberPeer(bare, { transport: "tcp", hostname: "127.0.0.1", port: 1 });
  assert.equal(clientAddress(bare, "X-Forwarded-For"), undefined, "no fallback to the proxy");
});
