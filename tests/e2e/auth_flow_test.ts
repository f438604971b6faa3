import assert from "node:assert/strict";
import { importAccessKey, signAccessToken } from "../../src/access/mod.ts";
import { decodeBody, encodeSource, get, quadrantRaster, withServer } from "./server_fixture.ts";

const SECRET = "e2e-secret-".repeat(4);
const KEY = await importAccessKey(SECRET);
Deno.env.set("TESSERA_E2E_ACCESS_SECRET", SECRET);

const TOKEN_PROFILE = {
  type: "disk",
  access: "token",
  access_secret_env: "TESSERA_E2E_ACCESS_SECRET",
};

function token(options: { profile?: string; scope?: string; ttl?: number } = {}): Promise<string> {
  const expires = Math.floor(Date.now() / 1000) + (options.ttl ?? 600);
  const scope = options.scope === undefined ? {} : { scope: options.scope };
  return signAccessToken(KEY, { profile: options.profile ?? "test", expires, ...scope });
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return await response.json();
}

Deno.test("IIIF Authorization Flow 2.0 end to end: probe, cookie, token page, images", async () => {
  const files = { "a.png": await encodeSource(quadrantRaster(640, 480), "png") };
  await withServer({
    files,
    config: { profiles: { test: TOKEN_PROFILE } },
  }, async (t) => {
    const base = `${t.url}/iiif/3/a.png`;
    const info = await json(await fetch(`${base}/info.json`));
    const [probeService] = info.service as {
      id: string;
      service: { id: string; service: { id: string }[] }[];
    }[];
    assert.equal(probeService.id, `${base}/probe`);
    const access = probeService.service[0];
    const tokenService = access.service[0];

    assert.equal((await json(await fetch(probeService.id))).status, 401);

    // The access service: the user brings a token (from the institution), Tessera sets the cookie.
    const login = await fetch(`${access.id}?token=${await token()}`);
    assert.equal(login.status, 200);
    await login.body?.cancel();
    const cookie = login.headers.get("set-cookie")!.split(";")[0];

    // The token service, opened in a frame with the client's messageId and origin.
    const page = await (await fetch(
      `${tokenService.id}?messageId=flow-7&origin=${encodeURIComponent("http://viewer.test")}`,
      { headers: { cookie } },
    )).text();
    const posted = /postMessage\((\{.*\}), "http:\/\/viewer\.test"\)/.exec(page);
    assert.ok(posted, page);
    const message = JSON.parse(posted[1]);
    assert.equal(message.type, "AuthAccessToken2");
    assert.equal(message.messageId, "flow-7");
    const auth = { headers: { authorization: `Bearer ${message.accessToken}` } };

    assert.equal((await json(await fetch(probeService.id, auth))).status, 200);
    const image = await get(t, "/iiif/3/a.png/full/320,/0/default.jpg", auth);
    assert.equal(image.response.status, 200);
    assert.equal((await decodeBody(image.body)).width, 320);
    assert.match(image.response.headers.get("cache-control")!, /^private, /);
    const byCookie = await get(t, "/iiif/3/a.png/full/160,/0/default.jpg", { headers: { cookie } });
    assert.equal(byCookie.response.status, 200);

    const anonymous = await get(t, "/iiif/3/a.png/full/320,/0/default.jpg");
    assert.equal(anonymous.response.status, 401);
    const expired = await get(t, "/iiif/3/a.png/full/320,/0/default.jpg", {
      headers: { authorization: `Bearer ${await token({ ttl: -1 })}` },
    });
    assert.equal(expired.response.status, 401);
    const elsewhere = await get(t, "/iiif/3/a.png/full/320,/0/default.jpg", {
      headers: { authorization: `Bearer ${await token({ scope: "b.png" })}` },
    });
    assert.equal(elsewhere.response.status, 403);
  });
});

Deno.test("a capped token profile serves the substitute; ip profiles judge the peer", async () => {
  const files = { "a.png": await encodeSource(quadrantRaster(640, 480), "png") };
  await withServer({
    files,
    config: {
      profiles: {
        test: { ...TOKEN_PROFILE, access_max_unauthorized_size: 200 },
        lan: { type: "disk", access: "ip", access_allow_ips: ["10.0.0.0/8"] },
        local: { type: "disk", access: "ip", access_allow_ips: ["127.0.0.0/8", "::1"] },
      },
    },
  }, async (t) => {
    for (const profile of ["lan", "local"]) {
      await Deno.mkdir(`${t.root}/sources/${profile}`);
      await Deno.copyFile(`${t.sourceDir}/a.png`, `${t.root}/sources/${profile}/a.png`);
    }
    const probe = await json(await fetch(`${t.url}/iiif/3/a.png/probe`));
    const [substitute] = probe.substitute as { id: string }[];
    const capped = await fetch(substitute.id);
    assert.equal(capped.status, 200);
    const raster = await decodeBody(new Uint8Array(await capped.arrayBuffer()));
    assert.deepEqual([raster.width, raster.height], [200, 150]);
    const max = await get(t, "/iiif/3/a.png/full/max/0/default.jpg");
    assert.equal((await decodeBody(max.body)).width, 200);
    const withToken = await get(t, "/iiif/3/a.png/full/max/0/default.jpg", {
      headers: { authorization: `Bearer ${await token()}` },
    });
    assert.equal((await decodeBody(withToken.body)).width, 640, "full and capped max cached apart");
    assert.equal((await get(t, "/iiif/3/a.png/full/400,/0/default.jpg")).response.status, 401);

    assert.equal((await get(t, "/iiif/3/lan:a.png/full/100,/0/default.jpg")).response.status, 403);
    assert.equal(
      (await get(t, "/iiif/3/local:a.png/full/100,/0/default.jpg")).response.status,
      200,
    );
  });
});
