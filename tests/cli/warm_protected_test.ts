import assert from "node:assert/strict";
import { importAccessKey, signAccessToken } from "../../src/access/mod.ts";
import { loadConfig } from "../../src/config/mod.ts";
import { startServer } from "../../src/http/mod.ts";
import { vips } from "../codecs/_vips.ts";
import { tessera } from "./_tessera_cli.ts";

const SECRET = "warm-secret-".repeat(3);
const KEY = await importAccessKey(SECRET);

Deno.test("tessera warm fills the cache of a token profile, which then serves token holders", async () => {
  Deno.env.set("TESSERA_WARM_TEST_SECRET", SECRET);
  const dir = await Deno.makeTempDir({ prefix: "tessera_warm_protected_" });
  try {
    await Deno.mkdir(`${dir}/sources/vault`, { recursive: true });
    await vips("black", `${dir}/sources/vault/a.jpg`, "300", "200", "--bands", "3");
    const file = `${dir}/tessera.yml`;
    await Deno.writeTextFile(
      file,
      `port: 0\nimage_pool_size: 1\ngpu: off\nsource_path: ${dir}/sources\n` +
        `cache_path: ${dir}/cache\nprofiles:\n  vault:\n    type: disk\n    access: token\n` +
        "    access_secret_env: TESSERA_WARM_TEST_SECRET\n",
    );
    const warmed = await tessera("warm", "vault", "--sizes", "150", "--config", file);
    assert.equal(warmed.code, 0, warmed.err);
    assert.match(warmed.out, /1 made/);

    const server = await startServer(await loadConfig(file), { log: () => {} });
    try {
      const url = `${server.url}/iiif/3/vault:a.jpg/full/150,/0/default.jpg`;
      const anonymous = await fetch(url);
      assert.equal(anonymous.status, 401, "warming left the profile protected");
      await anonymous.body?.cancel();
      const expires = Math.floor(Date.now() / 1000) + 60;
      const token = await signAccessToken(KEY, { profile: "vault", expires });
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      assert.match(response.headers.get("server-timing")!, /cache;desc="hit"/);
    } finally {
      await server.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
