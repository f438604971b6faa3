import assert from "node:assert/strict";
import { importAccessKey, verifyAccessToken } from "../../src/access/mod.ts";
import { tessera } from "./_tessera_cli.ts";

const SECRET = "cli-secret-".repeat(4);
const KEY = await importAccessKey(SECRET);

async function withConfig(body: (file: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tessera-token-" });
  try {
    const file = `${dir}/config.yml`;
    await Deno.writeTextFile(
      file,
      "profiles:\n  scans:\n    type: disk\n    access: token\n" +
        "    access_secret_env: TESSERA_CLI_TEST_SECRET\n  open:\n    type: disk\n",
    );
    await body(file);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("tessera token prints a token of the profile, scope and lifetime asked for", async () => {
  Deno.env.set("TESSERA_CLI_TEST_SECRET", SECRET);
  await withConfig(async (file) => {
    const before = Math.floor(Date.now() / 1000);
    const { code, out } = await tessera(
      "token",
      "scans",
      "--identifier",
      "box/",
      "--ttl",
      "120",
      "--config",
      file,
    );
    assert.equal(code, 0);
    const check = await verifyAccessToken(KEY, out.trim(), { now: before });
    assert.ok(check.valid);
    assert.equal(check.claims.profile, "scans");
    assert.equal(check.claims.scope, "box/");
    assert.ok(check.claims.expires >= before + 120 && check.claims.expires <= before + 125);
  });
});

Deno.test("tessera token refuses a public profile, a bad --ttl and a missing secret", async () => {
  await withConfig(async (file) => {
    Deno.env.set("TESSERA_CLI_TEST_SECRET", SECRET);
    const open = await tessera("token", "open", "--config", file);
    assert.equal(open.code, 2);
    assert.match(open.err, /profiles\.open\.access: expected "token"/);
    const ttl = await tessera("token", "scans", "--ttl", "soon", "--config", file);
    assert.equal(ttl.code, 2);
    assert.match(ttl.err, /--ttl "soon"/);
    Deno.env.delete("TESSERA_CLI_TEST_SECRET");
    const secretless = await tessera("token", "scans", "--config", file);
    assert.equal(secretless.code, 2);
    assert.match(secretless.err, /TESSERA_CLI_TEST_SECRET must hold a secret of at least 32/);
    assert.match(secretless.err, /profiles\.scans\.access_secret_env: /);
  });
});
