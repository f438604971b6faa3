import assert from "node:assert/strict";
import { trustedWebLocator } from "../../src/sources/_trusted_web_locator.ts";

const REGEX = "https://images\\.example\\.org/[^?#]+\\.jpg";

function base64url(text: string, padding = false): string {
  const encoded = new TextEncoder().encode(text).toBase64({ alphabet: "base64url" });
  return padding ? encoded : encoded.replace(/=+$/, "");
}

const ACCEPTED: [text: string, href: string][] = [
  ["https://images.example.org/a.jpg", "https://images.example.org/a.jpg"],
  ["https://images.example.org/a/b c.jpg", "https://images.example.org/a/b%20c.jpg"],
  ["HTTPS://IMAGES.EXAMPLE.ORG/a.jpg", "https://images.example.org/a.jpg"],
  ["https://images.example.org:443/a.jpg", "https://images.example.org/a.jpg"],
  ["https://images.example.org/x/../a.jpg", "https://images.example.org/a.jpg"],
];

for (const [text, href] of ACCEPTED) {
  Deno.test(`trustedWebLocator().urlOf() accepts "${text}" as ${href}`, () => {
    const locator = trustedWebLocator(REGEX);
    assert.equal(locator.urlOf(base64url(text))?.href, href);
    assert.equal(locator.urlOf(base64url(text, true))?.href, href, "with padding");
  });
}

const REFUSED: [why: string, name: string][] = [
  ["another host", base64url("https://evil.example/a.jpg")],
  ["a userinfo trick", base64url("https://images.example.org@evil.example/a.jpg")],
  ["a host suffix", base64url("https://images.example.org.evil.example/a.jpg")],
  ["a backslash trick", base64url("https://evil.example\\@images.example.org/a.jpg")],
  ["http instead of https", base64url("http://images.example.org/a.jpg")],
  ["a query the regex excludes", base64url("https://images.example.org/a.jpg?x")],
  ["a partial match", base64url("https://images.example.org/a.jpg.png")],
  ["a relative URL", base64url("/a.jpg")],
  ["a file URL", base64url("file:///etc/passwd")],
  ["spaces inside", "aHR0cHM6 Ly9p"],
  [
    "bytes that are not UTF-8",
    new Uint8Array([0x68, 0xff, 0xfe]).toBase64({ alphabet: "base64url" }),
  ],
  ["a cut base64 string", base64url("https://images.example.org/a.jpg").slice(0, -1)],
  ["the URL unencoded", "https://images.example.org/a.jpg"],
  ["an empty name", ""],
];

for (const [why, name] of REFUSED) {
  Deno.test(`trustedWebLocator().urlOf() refuses ${why}`, () => {
    assert.equal(trustedWebLocator(REGEX).urlOf(name), undefined);
  });
}

Deno.test("trustedWebLocator().urlOf() refuses standard base64 (+ and /)", () => {
  const text = "https://images.example.org/~~~.jpg";
  const standard = btoa(text);
  assert.match(standard, /\+/);
  const locator = trustedWebLocator(REGEX);
  assert.equal(locator.urlOf(standard), undefined);
  assert.equal(locator.urlOf(base64url(text))?.href, text);
});

Deno.test("trustedWebLocator().mayFollow() applies the whole-URL regex to redirects", () => {
  const locator = trustedWebLocator(REGEX);
  assert.equal(locator.mayFollow(new URL("https://images.example.org/b.jpg")), true);
  assert.equal(locator.mayFollow(new URL("https://images.example.org/b.jpg?x")), false);
  assert.equal(locator.mayFollow(new URL("https://cdn.example.org/b.jpg")), false);
});

Deno.test("trustedWebLocator() anchors an alternation as a whole", () => {
  const locator = trustedWebLocator("https://a\\.example/x|https://b\\.example/y");
  assert.equal(locator.mayFollow(new URL("https://a.example/x")), true);
  assert.equal(locator.mayFollow(new URL("https://a.example/x/more")), false);
  assert.equal(locator.mayFollow(new URL("https://evil.example/?https://b.example/y")), false);
});

Deno.test("trustedWebLocator() throws SyntaxError for an invalid pattern", () => {
  assert.throws(() => trustedWebLocator("https://(unclosed"), SyntaxError);
});
