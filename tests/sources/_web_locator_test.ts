import assert from "node:assert/strict";
import { webLocator } from "../../src/sources/_web_locator.ts";

const CASES: [template: string, name: string, url: string | undefined][] = [
  ["https://img.example.org/files/{name}", "a.jpg", "https://img.example.org/files/a.jpg"],
  [
    "https://img.example.org/files/{name}",
    "2019/a b.jpg",
    "https://img.example.org/files/2019%2Fa%20b.jpg",
  ],
  ["https://img.example.org/files/{name}", "a?b#c", "https://img.example.org/files/a%3Fb%23c"],
  ["https://img.example.org/files/{name}", "%2e%2e", "https://img.example.org/files/%252e%252e"],
  [
    "https://img.example.org/files/{name}",
    "../secret",
    "https://img.example.org/files/..%2Fsecret",
  ],
  ["https://img.example.org/files/{name}", "é.jpg", "https://img.example.org/files/%C3%A9.jpg"],
  ["https://img.example.org/files/{name}", "..", undefined],
  ["https://img.example.org/files/{name}", ".", undefined],
  [
    "https://img.example.org/get?id={name}&size=full",
    "a&b=c",
    "https://img.example.org/get?id=a%26b%3Dc&size=full",
  ],
  ["https://img.example.org/{name}/{name}.jpg", "x", "https://img.example.org/x/x.jpg"],
  ["https://{name}.example.org/", "a%b", undefined],
];

for (const [template, name, url] of CASES) {
  Deno.test(`webLocator("${template}").urlOf() maps "${name}" to ${url}`, () => {
    assert.equal(webLocator(template).urlOf(name)?.href, url);
  });
}

Deno.test("webLocator() follows redirects anywhere (private addresses are checked apart)", () => {
  assert.equal(
    webLocator("https://img.example.org/{name}").mayFollow(new URL("http://x.example/")),
    true,
  );
});
