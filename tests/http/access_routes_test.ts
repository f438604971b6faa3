import assert from "node:assert/strict";
import {
  AccessDeniedError,
  AuthorizationRequiredError,
  importAccessKey,
  signAccessToken,
} from "../../src/access/mod.ts";
import { errorResponse } from "../../src/http/mod.ts";
import { vips } from "../codecs/_vips.ts";
import { type DiskApp, withDiskApp } from "./_disk_app.ts";

const SECRET = "s".repeat(40);
const KEY = await importAccessKey(SECRET);
Deno.env.set("TESSERA_TEST_ACCESS_SECRET", SECRET);

const PROFILES = {
  pub: { type: "disk" },
  priv: {
    type: "disk",
    access: "token",
    access_secret_env: "TESSERA_TEST_ACCESS_SECRET",
    downloadable: true,
    access_origins: ["https://viewer.example"],
  },
  capped: {
    type: "disk",
    access: "token",
    access_secret_env: "TESSERA_TEST_ACCESS_SECRET",
    access_max_unauthorized_size: 300,
  },
  room: { type: "disk", access: "ip", access_allow_ips: ["192.0.2.0/24"] },
};

async function setup(sourcePath: string): Promise<void> {
  for (const profile of ["capped", "room"]) await Deno.mkdir(`${sourcePath}/${profile}`);
  await vips("gaussnoise", `${sourcePath}/pub/big.png`, "1200", "800");
  await vips("gaussnoise", `${sourcePath}/capped/odd.png`, "1000", "700");
  for (const profile of ["priv", "capped", "room"]) {
    await vips("copy", `${sourcePath}/pub/big.png`, `${sourcePath}/${profile}/big.png`);
  }
}

function withApp(body: (app: DiskApp) => Promise<void>): Promise<void> {
  return withDiskApp({
    setup,
    config: { profiles: PROFILES, client_ip_header: "X-Forwarded-For", tile_width: 256 },
  }, body);
}

function token(profile: string, scope?: string, ttl = 600): Promise<string> {
  const expires = Math.floor(Date.now() / 1000) + ttl;
  return signAccessToken(KEY, { profile, expires, ...(scope ? { scope } : {}) });
}

function bearer(value: string): RequestInit {
  return { headers: { authorization: `Bearer ${value}` } };
}

Deno.test("infoRoute() lists the Authorization Flow 2.0 services of a token profile", async () => {
  await withApp(async (app) => {
    const response = await app.request("/iiif/3/priv:big.png/info.json");
    assert.equal(response.status, 200);
    const info = await response.json();
    assert.deepEqual(info["@context"], [
      "http://iiif.io/api/auth/2/context.json",
      "http://iiif.io/api/image/3/context.json",
    ]);
    assert.deepEqual(info.service, [{
      id: "http://tessera.test/iiif/3/priv:big.png/probe",
      type: "AuthProbeService2",
      service: [{
        id: "http://tessera.test/auth/priv/cookie",
        type: "AuthAccessService2",
        profile: "active",
        label: { en: ["Log in to see this image in full"] },
        service: [
          { id: "http://tessera.test/auth/priv/token", type: "AuthAccessTokenService2" },
          {
            id: "http://tessera.test/auth/priv/logout",
            type: "AuthLogoutService2",
            label: { en: ["Log out"] },
          },
        ],
      }],
    }]);
    assert.equal(info.maxWidth, 10000);
    assert.match(response.headers.get("vary")!, /Authorization, Cookie/);
    assert.match(response.headers.get("cache-control")!, /^private, /);

    const info2 = await (await app.request("/iiif/2/priv:big.png/info.json")).json();
    assert.equal(info2["@context"], "http://iiif.io/api/image/2/context.json");
    assert.equal(info2.service[0]["@context"], "http://iiif.io/api/auth/2/context.json");
    assert.equal(info2.service[0].type, "AuthProbeService2");
  });
});

Deno.test("infoRoute() of a public profile has no services and stays shareable", async () => {
  await withApp(async (app) => {
    const response = await app.request("/iiif/3/pub:big.png/info.json");
    const info = await response.json();
    assert.equal(info.service, undefined);
    assert.equal(info["@context"], "http://iiif.io/api/image/3/context.json");
    assert.doesNotMatch(response.headers.get("vary") ?? "", /Cookie/);
    assert.match(response.headers.get("cache-control")!, /^public, /);
  });
});

Deno.test("imageRoute() wants a token (401), of the right scope (403)", async () => {
  await withApp(async (app) => {
    const path = "/iiif/3/priv:big.png/full/max/0/default.jpg";
    const none = await app.request(path);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get("www-authenticate"), 'Bearer realm="tessera"');
    const expired = await app.request(path, bearer(await token("priv", undefined, -5)));
    assert.equal(expired.status, 401);
    assert.match(await expired.text(), /expired/);
    assert.equal((await app.request(path, bearer(await token("priv", "other.png")))).status, 403);
    assert.equal((await app.request(path, bearer(await token("capped")))).status, 403);
    const original = await app.request("/originals/priv:big.png");
    assert.equal(original.status, 401);
    const good = await app.request("/originals/priv:big.png", bearer(await token("priv")));
    assert.equal(good.status, 200);
    assert.match(good.headers.get("cache-control")!, /^private, /);
    await good.body?.cancel();
    assert.equal((await app.request("/priv:big.png/thumbnail")).status, 401);
    assert.equal((await app.request("/dzi/priv:big.png.dzi")).status, 401);
    assert.equal((await app.request("/viewer/priv:big.png")).status, 401);
    const page = await app.request("/viewer/priv:big.png", bearer(await token("priv")));
    assert.equal(page.status, 200);
    await page.body?.cancel();
    // Refused before the header is read: a tile past the pyramid does not give the size away.
    const beyond = await app.request("/dzi/priv:big.png_files/30/0_0.jpg");
    assert.equal(beyond.status, 401);
    assert.doesNotMatch(await beyond.text(), /×/);
  });
});

Deno.test("a token profile's key is imported at start, not read per request", async () => {
  await withApp(async (app) => {
    const value = await token("priv");
    Deno.env.delete("TESSERA_TEST_ACCESS_SECRET");
    try {
      const response = await app.request(
        "/iiif/3/priv:big.png/full/max/0/default.jpg",
        bearer(value),
      );
      assert.equal(response.status, 200);
      await response.body?.cancel();
      assert.match(
        await (await app.request(`/auth/priv/cookie?token=${value}`)).text(),
        /logged in/,
      );
    } finally {
      Deno.env.set("TESSERA_TEST_ACCESS_SECRET", SECRET);
    }
  });
});

Deno.test("probeRoute() answers AuthProbeResult2 with the status images would get", async () => {
  await withApp(async (app) => {
    const path = "/iiif/3/priv:big.png/probe";
    const denied = await app.request(path);
    assert.equal(denied.status, 200);
    const result = await denied.json();
    assert.equal(result["@context"], "http://iiif.io/api/auth/2/context.json");
    assert.equal(result.type, "AuthProbeResult2");
    assert.equal(result.status, 401);
    assert.ok(result.heading.en[0]);
    const granted = await (await app.request(path, bearer(await token("priv", "big.png")))).json();
    assert.deepEqual(granted, {
      "@context": "http://iiif.io/api/auth/2/context.json",
      type: "AuthProbeResult2",
      status: 200,
    });
    const scoped = await (await app.request(path, bearer(await token("priv", "x/")))).json();
    assert.equal(scoped.status, 403);
  });
});

Deno.test("a capped profile advertises the cap and refuses what exceeds its scale", async () => {
  await withApp(async (app) => {
    const info = await (await app.request("/iiif/3/capped:big.png/info.json")).json();
    assert.equal(info.maxWidth, 300);
    assert.equal(info.maxHeight, 300);
    assert.equal(info.maxArea, 90000);
    assert.ok(info.tiles.length > 0);
    for (const tile of info.tiles) assert.ok(tile.scaleFactors.every((f: number) => f >= 4));
    assert.ok(info.sizes.every((size: { width: number }) => size.width <= 300));
    const full =
      await (await app.request("/iiif/3/capped:big.png/info.json", bearer(await token("capped"))))
        .json();
    assert.equal(full.maxWidth, 10000);

    const probe = await (await app.request("/iiif/3/capped:big.png/probe")).json();
    assert.equal(probe.status, 401);
    assert.deepEqual(probe.substitute, [{
      id: "http://tessera.test/iiif/3/capped:big.png/full/!300,300/0/default.jpg",
      type: "Image",
    }]);
    for (const request of ["full/600,/0/default.jpg", "0,0,256,256/256,/0/default.jpg"]) {
      const response = await app.request(`/iiif/3/capped:big.png/${request}`);
      assert.equal(response.status, 401, request);
    }
    // Still a 400 when no credentials would make it valid.
    assert.equal((await app.request("/iiif/3/capped:big.png/full/0,/0/default.jpg")).status, 400);
  });
});

Deno.test("dziDescriptorRoute() describes the capped image to a capped client", async () => {
  await withApp(async (app) => {
    const size = async (init?: RequestInit) => {
      const xml = await (await app.request("/dzi/capped:odd.png.dzi", init)).text();
      return /<Size Width="(\d+)" Height="(\d+)"\/>/.exec(xml)?.slice(1).map(Number);
    };
    // What info.json advertises: 1000×700 at most 300 wide.
    assert.deepEqual(await size(), [300, 210]);
    assert.deepEqual(await size(bearer(await token("capped"))), [1000, 700]);
    // 300×210 tops out at level 9 (512), in two columns of 254 plus the overlap.
    const tiles = ["9/0_0", "9/1_0", "8/0_0", "0/0_0"];
    const served = [];
    for (const tile of tiles) {
      const response = await app.request(`/dzi/capped:odd.png_files/${tile}.jpg`);
      assert.equal(response.status, 200, tile);
      assert.match(response.headers.get("cache-control")!, /^private, /);
      served.push(await response.text());
    }
    assert.deepEqual(served, [
      "0,0,850,700/255,210/0/default.jpg",
      "843,0,157,700/47,210/0/default.jpg",
      "full/150,105/0/default.jpg",
      "full/1,1/0/default.jpg",
    ]);
    assert.equal((await app.request("/dzi/capped:odd.png_files/10/0_0.jpg")).status, 404);
    const granted = await app.request(
      "/dzi/capped:odd.png_files/10/0_0.jpg",
      bearer(await token("capped")),
    );
    assert.equal(await granted.text(), "0,0,255,255/max/0/default.jpg");
  });
});

Deno.test("an ip profile serves its ranges only (403), by the last X-Forwarded-For", async () => {
  await withApp(async (app) => {
    const inside = { headers: { "x-forwarded-for": "203.0.113.9, 192.0.2.44" } };
    const outside = { headers: { "x-forwarded-for": "192.0.2.44, 203.0.113.9" } };
    assert.equal((await app.request("/iiif/3/room:big.png/info.json", inside)).status, 200);
    const refused = await app.request("/iiif/3/room:big.png/info.json", outside);
    assert.equal(refused.status, 403);
    const image = await app.request("/iiif/3/room:big.png/full/max/0/default.jpg", outside);
    assert.equal(image.status, 403);
    assert.equal((await app.request("/iiif/3/room:big.png/info.json")).status, 403);
  });
});

Deno.test("accessServiceRoute() sets the login cookie for a valid token only", async () => {
  await withApp(async (app) => {
    const form = await app.request("/auth/priv/cookie");
    assert.equal(form.status, 200);
    assert.match(await form.text(), /<input name="token"/);
    const value = await token("priv");
    const login = await app.request(`/auth/priv/cookie?token=${value}`);
    assert.equal(login.status, 200);
    assert.equal(
      login.headers.get("set-cookie"),
      `tessera_priv=${value}; Path=/; Max-Age=600; HttpOnly; SameSite=Lax`,
    );
    assert.equal(login.headers.get("referrer-policy"), "no-referrer");
    await login.body?.cancel();
    const wrong = await app.request(`/auth/priv/cookie?token=${await token("capped")}`);
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get("set-cookie"), null);
    await wrong.body?.cancel();
    const garbage = await app.request("/auth/priv/cookie?token=not-a-token");
    assert.match(await garbage.text(), /not accepted: the token is malformed\./);
    const logout = await app.request("/auth/priv/logout");
    assert.match(logout.headers.get("set-cookie")!, /^tessera_priv=; Path=\/; Max-Age=0;/);
    await logout.body?.cancel();
    assert.equal((await app.request("/auth/pub/cookie")).status, 404);
    assert.equal((await app.request("/auth/nothing/token")).status, 404);
  });
});

Deno.test("accessTokenRoute() posts the cookie's token to an allowed origin only", async () => {
  await withApp(async (app) => {
    const value = await token("priv");
    const query = "messageId=m%3C1&origin=https://viewer.example";
    const page = await (await app.request(`/auth/priv/token?${query}`, {
      headers: { cookie: `other=1; tessera_priv=${value}` },
    })).text();
    assert.match(page, /"type":"AuthAccessToken2"/);
    assert.ok(page.includes(`"accessToken":"${value}"`));
    assert.ok(page.includes('"messageId":"m\\u003c1"'), "messageId escaped in the script");
    assert.match(page, /"expiresIn":(600|599)/);
    assert.ok(page.includes(', "https://viewer.example");'));

    const missing = await (await app.request(`/auth/priv/token?${query}`)).text();
    assert.match(missing, /"profile":"missingAspect"/);
    const stranger =
      await (await app.request("/auth/priv/token?messageId=1&origin=https://evil.example", {
        headers: { cookie: `tessera_priv=${value}` },
      })).text();
    assert.match(stranger, /"profile":"invalidOrigin"/);
    assert.ok(!stranger.includes(value), "no token for an origin not allowed");
    const other = await token("capped");
    const foreign = await (await app.request(`/auth/priv/token?${query}`, {
      headers: { cookie: `tessera_priv=${other}` },
    })).text();
    assert.match(foreign, /"profile":"invalidAspect"/);
    assert.ok(!foreign.includes(other), "no token of another profile is handed out");
  });
});

Deno.test("errorResponse() maps the access errors to 401 with a Bearer challenge, and 403", () => {
  const required = errorResponse(new AuthorizationRequiredError('Cannot serve "a": no token'));
  assert.equal(required.status, 401);
  assert.equal(required.headers.get("www-authenticate"), 'Bearer realm="tessera"');
  const denied = errorResponse(new AccessDeniedError('Cannot serve "a": wrong scope'));
  assert.equal(denied.status, 403);
  assert.equal(denied.headers.get("www-authenticate"), null);
});
