import assert from "node:assert/strict";
import {
  encodeIdentifier,
  requestOrigin,
  serviceId,
  varyOnOrigin,
} from "../../src/http/service_id.ts";

function requestWith(headers: Record<string, string>): Request {
  return new Request("http://internal:8080/iiif/3/a/info.json", { headers });
}

Deno.test("requestOrigin() accepts only well-formed forwarded proto and host values", () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{}, "http://internal:8080"],
    [{ host: "images.example.org" }, "http://images.example.org"],
    [{ "x-forwarded-proto": "https" }, "https://internal:8080"],
    [{ "x-forwarded-proto": "HTTPS" }, "https://internal:8080"],
    [{ "x-forwarded-proto": "https, http" }, "https://internal:8080"],
    [{ "x-forwarded-proto": "javascript" }, "http://internal:8080"],
    [{ "x-forwarded-proto": "https:" }, "http://internal:8080"],
    [{ "x-forwarded-host": "cdn.example.org" }, "http://cdn.example.org"],
    [{ "x-forwarded-host": "cdn.example.org:8443, proxy" }, "http://cdn.example.org:8443"],
    [{ "x-forwarded-host": "[2001:db8::1]:8443" }, "http://[2001:db8::1]:8443"],
    [{ "x-forwarded-host": "10.0.0.1" }, "http://10.0.0.1"],
    [{ "x-forwarded-host": "iiif_proxy:8080" }, "http://iiif_proxy:8080"],
    [{ "x-forwarded-host": "cdn.example.org:65535" }, "http://cdn.example.org:65535"],
    [{ "x-forwarded-host": "cdn.example.org:65536" }, "http://internal:8080"],
    [{ "x-forwarded-host": "2001:db8::1" }, "http://internal:8080"],
    [{ "x-forwarded-host": 'evil>;rel="canonical", <http://a' }, "http://internal:8080"],
    [{ "x-forwarded-host": "a b" }, "http://internal:8080"],
    [{ "x-forwarded-host": "user@host" }, "http://internal:8080"],
    [{ "x-forwarded-host": "host:123456" }, "http://internal:8080"],
    [{ "x-forwarded-host": "host/path" }, "http://internal:8080"],
    [{ "x-forwarded-host": "bad host", host: "good.example" }, "http://good.example"],
    [{ host: "bad<host>" }, "http://internal:8080"],
  ];
  for (const [headers, expected] of cases) {
    assert.equal(requestOrigin(requestWith(headers), null), expected, JSON.stringify(headers));
  }
});

Deno.test("requestOrigin() uses base_url, without its trailing slash, over any header", () => {
  const request = requestWith({ "x-forwarded-host": "cdn.example.org" });
  assert.equal(
    requestOrigin(request, "https://iiif.example.org/img/"),
    "https://iiif.example.org/img",
  );
});

Deno.test("serviceId() joins origin, version and the encoded identifier", () => {
  const request = requestWith({ "x-forwarded-proto": "https" });
  const id = serviceId(request, { baseUrl: null, version: 2, identifier: "samples:a b/c.jpg" });
  assert.equal(id, "https://internal:8080/iiif/2/samples:a%20b%2Fc.jpg");
});

Deno.test("encodeIdentifier() escapes what would split a segment and keeps sub-delimiters", () => {
  const cases: Array<[string, string]> = [
    ["samples:a.jpg", "samples:a.jpg"],
    ["a/b", "a%2Fb"],
    ["50%", "50%25"],
    ["a?b#c", "a%3Fb%23c"],
    ["it's (1)+!=,;$&@*", "it's (1)+!=,;$&@*".replace(" ", "%20")],
  ];
  for (const [identifier, expected] of cases) assert.equal(encodeIdentifier(identifier), expected);
});

Deno.test("varyOnOrigin() adds the forwarding headers only without base_url", () => {
  const derived = new Headers({ vary: "Accept" });
  varyOnOrigin(derived, null);
  assert.equal(derived.get("vary"), "Accept, X-Forwarded-Host, X-Forwarded-Proto, Host");
  const fixed = new Headers();
  varyOnOrigin(fixed, "https://iiif.example.org");
  assert.equal(fixed.get("vary"), null);
});
