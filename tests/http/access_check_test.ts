import assert from "node:assert/strict";
import { parseConfig } from "../../src/config/mod.ts";
import { loadProfileAccess } from "../../src/http/mod.ts";
import { imageAccess } from "../../src/http/access_check.ts";
import { countVerifications } from "../access/_count_verifications.ts";

const ENV = "TESSERA_ACCESS_CHECK_TEST_SECRET";
Deno.env.set(ENV, "a".repeat(32));

const CONFIG = parseConfig({
  client_ip_header: "X-Forwarded-For",
  profiles: {
    scans: {
      type: "disk",
      access: "token",
      access_secret_env: ENV,
      access_allow_ips: ["192.0.2.0/24"],
    },
  },
}, { file: "(test config)", baseDir: "/srv/tessera" });

// Well formed, so only its MAC can refuse it; forged, so it is never remembered.
const HEADERS = { authorization: `Bearer e30.${"A".repeat(43)}` };

const SOURCE = {
  ref: { profile: "scans", name: "a.png", path: "/srv/tessera/a.png", size: 1, mtimeMs: 0 },
  profile: CONFIG.profiles.scans,
};

Deno.test("imageAccess() verifies no token from an address that is let in anyway", async () => {
  const deps = { config: CONFIG, profileAccess: await loadProfileAccess(CONFIG) };
  const request = (address: string) =>
    new Request("http://localhost/", { headers: { ...HEADERS, "x-forwarded-for": address } });
  const inside = await countVerifications(async () => {
    const access = await imageAccess(request("192.0.2.7"), deps, SOURCE);
    assert.deepEqual(access, { verdict: { granted: true }, cap: null, personal: true });
  });
  assert.equal(inside, 0);
  const outside = await countVerifications(async () => {
    assert.equal((await imageAccess(request("203.0.113.9"), deps, SOURCE)).verdict.granted, false);
  });
  assert.equal(outside, 1);
});
