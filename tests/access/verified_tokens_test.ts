import assert from "node:assert/strict";
import { importAccessKey, signAccessToken, VerifiedTokens } from "../../src/access/mod.ts";
import { countVerifications } from "./_count_verifications.ts";

Deno.test("VerifiedTokens.check() verifies a valid token's MAC once, its expiry every time", async () => {
  const tokens = new VerifiedTokens(await importAccessKey("a".repeat(32)));
  const token = await signAccessToken(tokens.key, { profile: "p", expires: 2_000 });
  const calls = await countVerifications(async () => {
    for (const now of [1_000, 1_500, 1_999]) {
      assert.deepEqual(await tokens.check(token, now), {
        valid: true,
        claims: { profile: "p", expires: 2_000 },
      });
    }
    assert.deepEqual(await tokens.check(token, 2_000), { valid: false, reason: "expired" });
    assert.deepEqual(await tokens.check(token, 1_000), {
      valid: true,
      claims: { profile: "p", expires: 2_000 },
    });
  });
  assert.equal(calls, 2);
});

Deno.test("VerifiedTokens.check() remembers no refused token", async () => {
  const tokens = new VerifiedTokens(await importAccessKey("a".repeat(32)));
  const other = await importAccessKey("b".repeat(32));
  const forged = await signAccessToken(other, { profile: "p", expires: 2_000 });
  const expired = await signAccessToken(tokens.key, { profile: "p", expires: 500 });
  const calls = await countVerifications(async () => {
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(await tokens.check(forged, 1_000), { valid: false, reason: "signature" });
      assert.deepEqual(await tokens.check(expired, 1_000), { valid: false, reason: "expired" });
      assert.deepEqual(await tokens.check("x.y", 1_000), { valid: false, reason: "malformed" });
    }
  });
  assert.equal(calls, 4);
});
