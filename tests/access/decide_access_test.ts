import assert from "node:assert/strict";
import { type AccessFacts, decideAccess, scopeCovers } from "../../src/access/mod.ts";

const BASE: AccessFacts = {
  mode: "token",
  profile: "scans",
  name: "box/a.tif",
  addressAllowed: false,
  token: undefined,
};

function valid(profile: string, scope?: string): AccessFacts["token"] {
  return { valid: true, claims: { profile, expires: 1e10, ...(scope ? { scope } : {}) } };
}

const CASES: readonly (readonly [string, Partial<AccessFacts>, number])[] = [
  ["a public profile", { mode: "public" }, 200],
  ["an allowed address on a token profile", { addressAllowed: true }, 200],
  ["an allowed address on an ip profile", { mode: "ip", addressAllowed: true }, 200],
  [
    "another address on an ip profile, even with a token",
    { mode: "ip", token: valid("scans") },
    403,
  ],
  ["no token", {}, 401],
  ["an expired token", { token: { valid: false, reason: "expired" } }, 401],
  ["a token of another secret", { token: { valid: false, reason: "signature" } }, 401],
  ["a token for the profile", { token: valid("scans") }, 200],
  ["a token for the image", { token: valid("scans", "box/a.tif") }, 200],
  ["a token for its folder", { token: valid("scans", "box/") }, 200],
  ["a token for another image", { token: valid("scans", "box/b.tif") }, 403],
  ["a token for another profile", { token: valid("maps") }, 403],
];

Deno.test("decideAccess() grants, asks for a token (401) or refuses (403)", () => {
  for (const [name, facts, status] of CASES) {
    const verdict = decideAccess({ ...BASE, ...facts });
    assert.equal(verdict.granted ? 200 : verdict.status, status, name);
    if (!verdict.granted) assert.ok(verdict.reason.length > 0, name);
  }
});

Deno.test("scopeCovers() takes a name, or a folder ending in /, or nothing for all", () => {
  assert.equal(scopeCovers(undefined, "a.tif"), true);
  assert.equal(scopeCovers("a.tif", "a.tif"), true);
  assert.equal(scopeCovers("a.tif", "a.tiff"), false);
  assert.equal(scopeCovers("box/", "box/a.tif"), true);
  assert.equal(scopeCovers("box", "box/a.tif"), false);
  assert.equal(scopeCovers("box/", "boxes/a.tif"), false);
});
