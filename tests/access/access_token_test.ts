import assert from "node:assert/strict";
import { importAccessKey, signAccessToken, verifyAccessToken } from "../../src/access/mod.ts";

const KEY = await importAccessKey("k".repeat(32));
const CLAIMS = { profile: "scans", expires: 2_000, scope: "folder/" };

Deno.test("verifyAccessToken() accepts its own tokens before expiry, with every claim", async () => {
  const token = await signAccessToken(KEY, CLAIMS);
  assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(await verifyAccessToken(KEY, token, { now: 1_999 }), {
    valid: true,
    claims: CLAIMS,
  });
});

Deno.test("verifyAccessToken() refuses a token at and after its expiry", async () => {
  const token = await signAccessToken(KEY, CLAIMS);
  for (const now of [2_000, 5_000]) {
    assert.deepEqual(await verifyAccessToken(KEY, token, { now }), {
      valid: false,
      reason: "expired",
    });
  }
});

Deno.test("verifyAccessToken() refuses a token signed with another secret", async () => {
  const token = await signAccessToken(await importAccessKey("x".repeat(32)), CLAIMS);
  const check = await verifyAccessToken(KEY, token, { now: 0 });
  assert.deepEqual(check, { valid: false, reason: "signature" });
});

Deno.test("verifyAccessToken() refuses a payload changed after signing", async () => {
  const token = await signAccessToken(KEY, CLAIMS);
  const [, mac] = token.split(".");
  const forged = btoa(JSON.stringify({ prf: "scans", exp: 9_999_999_999 }))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  const check = await verifyAccessToken(KEY, `${forged}.${mac}`, { now: 0 });
  assert.deepEqual(check, { valid: false, reason: "signature" });
});

Deno.test("verifyAccessToken() calls text that is no token malformed", async () => {
  const token = await signAccessToken(KEY, CLAIMS);
  for (const text of ["", "abc", `${token}x`, `${token}.x`, `a.${"b".repeat(43)}`, "é.é"]) {
    const check = await verifyAccessToken(KEY, text, { now: 0 });
    assert.equal(check.valid, false, text);
    assert.notEqual(!check.valid && check.reason, "expired", text);
  }
  const huge = `${"a".repeat(5000)}.${"b".repeat(43)}`;
  assert.deepEqual(await verifyAccessToken(KEY, huge, { now: 0 }), {
    valid: false,
    reason: "malformed",
  });
});

Deno.test("signAccessToken() leaves the scope out when there is none", async () => {
  const token = await signAccessToken(KEY, { profile: "p", expires: 10 });
  const check = await verifyAccessToken(KEY, token, { now: 0 });
  assert.deepEqual(check, { valid: true, claims: { profile: "p", expires: 10 } });
});
