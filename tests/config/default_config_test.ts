import assert from "node:assert/strict";
import { join } from "node:path";
import { homedir } from "node:os";
import { defaultConfig } from "../../src/config/mod.ts";

Deno.test("defaultConfig() serves <projectRoot>/samples as the listable default profile", () => {
  const config = defaultConfig("/opt/tessera", "/var/tmp/cache");
  assert.equal(config.source_path, "/opt/tessera");
  assert.equal(config.cache_path, "/var/tmp/cache");
  assert.equal(config.default_profile, "samples");
  assert.deepEqual(Object.keys(config.profiles), ["samples"]);
  assert.equal(config.profiles.samples.type, "disk");
  assert.equal(config.profiles.samples.listable, true);
  assert.equal(config.port, 8080);
});

Deno.test("defaultConfig() puts the cache in the user's cache directory by default", () => {
  const xdg = Deno.env.get("XDG_CACHE_HOME");
  const expected = xdg?.startsWith("/")
    ? join(xdg, "tessera")
    : join(homedir(), ".cache", "tessera");
  assert.equal(defaultConfig("/opt/tessera").cache_path, expected);
});
