import assert from "node:assert/strict";
import { parseIpRange, signAccessToken } from "../../src/access/mod.ts";
import { ConfigError, parseConfig } from "../../src/config/mod.ts";
import { loadProfileAccess } from "../../src/http/mod.ts";
import { checkProfileToken } from "../../src/http/profile_access.ts";

const ENV = "TESSERA_PROFILE_ACCESS_TEST_SECRET";

function config() {
  return parseConfig({
    profiles: {
      open: { type: "disk" },
      scans: { type: "disk", access: "token", access_secret_env: ENV },
      room: { type: "disk", access: "ip", access_allow_ips: ["192.0.2.0/24", "::1"] },
    },
  }, { file: "(test config)", baseDir: "/srv/tessera" });
}

Deno.test("loadProfileAccess() imports keys and parses ranges of protected profiles", async () => {
  Deno.env.set(ENV, "a".repeat(32));
  const access = await loadProfileAccess(config());
  assert.deepEqual([...access.keys()].toSorted(), ["room", "scans"]);
  assert.deepEqual(access.get("room"), {
    allowIps: [parseIpRange("192.0.2.0/24"), parseIpRange("::1")],
  });
  assert.deepEqual(access.get("scans")?.allowIps, []);
  assert.equal(access.get("scans")?.tokens?.key.algorithm.name, "HMAC");
});

Deno.test("checkProfileToken() keeps the key read at start when the variable changes", async () => {
  Deno.env.set(ENV, "a".repeat(32));
  const access = await loadProfileAccess(config());
  const key = access.get("scans")!.tokens!.key;
  const value = await signAccessToken(key, { profile: "scans", expires: 2_000 });
  Deno.env.delete(ENV);
  const check = await checkProfileToken(access, { profile: "scans", value, now: 1_000 });
  assert.deepEqual(check, { valid: true, claims: { profile: "scans", expires: 2_000 } });
  const late = await checkProfileToken(access, { profile: "scans", value, now: 2_000 });
  assert.deepEqual(late, { valid: false, reason: "expired" });
});

Deno.test("loadProfileAccess() refuses an unset or short secret, naming the key", async () => {
  for (const secret of [undefined, "short"]) {
    if (secret === undefined) Deno.env.delete(ENV);
    else Deno.env.set(ENV, secret);
    await assert.rejects(loadProfileAccess(config()), (error) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /profiles\.scans\.access_secret_env: the environment variable/);
      assert.match(
        error.message,
        new RegExp(`${ENV} must hold a secret of at least 32 characters`),
      );
      return true;
    });
  }
});
