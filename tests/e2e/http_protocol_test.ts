import assert from "node:assert/strict";
import { encodeSource, get, quadrantRaster, withServer } from "./server_fixture.ts";

const LEVEL2_3 = "http://iiif.io/api/image/3/level2.json";
const LEVEL2_2 = "http://iiif.io/api/image/2/level2.json";
// deno-lint-ignore no-control-regex
const CONTROL_CHARACTER_REGEXP = /[\u0000-\u001f\u007f]/;

Deno.test("HTTP behaviour of a running server", async (t) => {
  const files = { "quad.jpg": await encodeSource(quadrantRaster(600, 400), "jpg") };
  await withServer({ files, config: { max_width: 5000 } }, async (server) => {
    const host = new URL(server.url).host;

    await t.step("3.0 info.json: JSON-LD, id from Host, profile link, CORS", async () => {
      const { response, body } = await get(server, "/iiif/3/test:quad.jpg/info.json");
      assert.equal(response.status, 200);
      assert.equal(
        response.headers.get("content-type"),
        'application/ld+json;profile="http://iiif.io/api/image/3/context.json"',
      );
      assert.equal(response.headers.get("link"), `<${LEVEL2_3}>;rel="profile"`);
      assert.equal(response.headers.get("access-control-allow-origin"), "*");
      const info = JSON.parse(new TextDecoder().decode(body));
      assert.equal(info.id, `http://${host}/iiif/3/test:quad.jpg`);
      assert.equal(info.type, "ImageService3");
      assert.deepEqual([info.width, info.height, info.maxWidth], [600, 400, 5000]);
      assert.ok(info.extraQualities.includes("bitonal"));
    });

    await t.step("2.1 info.json: application/json unless JSON-LD is asked for", async () => {
      const plain = await get(server, "/iiif/2/test:quad.jpg/info.json");
      assert.equal(plain.response.headers.get("content-type"), "application/json");
      const info = JSON.parse(new TextDecoder().decode(plain.body));
      assert.equal(info["@id"], `http://${host}/iiif/2/test:quad.jpg`);
      assert.equal(info.profile[0], LEVEL2_2);
      const ld = await get(server, "/iiif/2/test:quad.jpg/info.json", {
        headers: { accept: "application/ld+json" },
      });
      assert.match(ld.response.headers.get("content-type")!, /^application\/ld\+json/);
    });

    await t.step("the id follows X-Forwarded-Proto and X-Forwarded-Host", async () => {
      const { body } = await get(server, "/iiif/3/quad.jpg/info.json", {
        headers: { "x-forwarded-proto": "https", "x-forwarded-host": "images.example.org" },
      });
      assert.equal(
        JSON.parse(new TextDecoder().decode(body)).id,
        "https://images.example.org/iiif/3/quad.jpg",
      );
    });

    await t.step("the base URI answers 303 to info.json", async () => {
      for (const version of [2, 3]) {
        const { response } = await get(server, `/iiif/${version}/test:quad.jpg`, {
          redirect: "manual",
        });
        assert.equal(response.status, 303);
        assert.equal(
          response.headers.get("location"),
          `http://${host}/iiif/${version}/test:quad.jpg/info.json`,
        );
        assert.equal(response.headers.get("access-control-allow-origin"), "*");
      }
    });

    await t.step("image responses carry canonical and profile links", async () => {
      const cases: Array<[string, string]> = [
        ["/iiif/3/test:quad.jpg/full/max/0/color.jpg", "full/max/0/default.jpg"],
        ["/iiif/3/test:quad.jpg/0,0,600,400/300,/360/default.png", "full/300,200/0/default.png"],
        [
          "/iiif/3/test:quad.jpg/pct:50,50,50,50/!100,100/!90.50/gray.jpg",
          "300,200,300,200/100,67/!90.5/gray.jpg",
        ],
        ["/iiif/2/test:quad.jpg/full/full/0/default.jpg", "full/full/0/default.jpg"],
        ["/iiif/2/test:quad.jpg/full/300,/0/default.jpg", "full/300,/0/default.jpg"],
      ];
      for (const [path, canonical] of cases) {
        const { response } = await get(server, path);
        assert.equal(response.status, 200, path);
        const version = path.startsWith("/iiif/2/") ? 2 : 3;
        assert.equal(
          response.headers.get("link"),
          `<http://${host}/iiif/${version}/test:quad.jpg/${canonical}>;rel="canonical", ` +
            `<${version === 3 ? LEVEL2_3 : LEVEL2_2}>;rel="profile"`,
        );
      }
    });

    await t.step("errors have the right status, a short text body and CORS", async () => {
      const cases: Array<[string, number]> = [
        ["/iiif/3/test:quad.jpg/0,0,0,10/max/0/default.jpg", 400],
        ["/iiif/3/test:quad.jpg/700,0,10,10/max/0/default.jpg", 400],
        ["/iiif/3/test:quad.jpg/full/full/0/default.jpg", 400],
        ["/iiif/3/test:quad.jpg/full/1200,/0/default.jpg", 400],
        ["/iiif/3/test:quad.jpg/full/max/361/default.jpg", 400],
        ["/iiif/3/test:quad.jpg/full/max/0/sepia.jpg", 400],
        ["/iiif/3/test:quad.jpg/full/max/0/default.bmp", 400],
        ["/iiif/3/test:quad.jpg/full/^9000,/0/default.jpg", 400],
        ["/iiif/3/test:missing.jpg/full/max/0/default.jpg", 404],
        ["/iiif/3/test:quad.jpg%2F..%2Fquad.jpg/info.json", 404],
        ["/iiif/3/..%2F..%2Fetc%2Fpasswd/info.json", 404],
        ["/iiif/3/test:quad.jpg/full/max/0/default%ZZ.jpg", 400],
        ["/iiif/4/test:quad.jpg/info.json", 404],
        ["/iiif/3/%00/info.json", 400],
        ["/iiif/2/a%0Ab", 400],
      ];
      for (const [path, status] of cases) {
        const { response, body } = await get(server, path);
        assert.equal(response.status, status, path);
        assert.equal(response.headers.get("access-control-allow-origin"), "*", path);
        assert.ok(body.length > 0 && body.length < 300, `${path}: body of ${body.length} bytes`);
        const text = new TextDecoder().decode(body).trimEnd();
        assert.ok(!CONTROL_CHARACTER_REGEXP.test(text), `${path}: ${JSON.stringify(text)}`);
      }
    });

    await t.step("OPTIONS preflight and HEAD", async () => {
      const preflight = await get(server, "/iiif/3/test:quad.jpg/info.json", {
        method: "OPTIONS",
        headers: { origin: "https://viewer.example", "access-control-request-method": "GET" },
      });
      assert.equal(preflight.response.status, 204);
      assert.equal(preflight.response.headers.get("access-control-allow-origin"), "*");
      assert.match(preflight.response.headers.get("access-control-allow-methods")!, /GET/);
      const path = "/iiif/3/test:quad.jpg/full/max/0/default.jpg";
      const full = await get(server, path);
      const head = await get(server, path, { method: "HEAD" });
      assert.equal(head.response.status, 200);
      assert.equal(head.body.length, 0);
      assert.equal(head.response.headers.get("etag"), full.response.headers.get("etag"));
      assert.equal(head.response.headers.get("content-type"), "image/jpeg");
      assert.equal(head.response.headers.get("content-length"), String(full.body.length));
      const landing = await get(server, "/");
      const landingHead = await get(server, "/", { method: "HEAD" });
      assert.equal(landingHead.body.length, 0);
      assert.equal(landingHead.response.headers.get("content-length"), String(landing.body.length));
    });

    await t.step("ETag and Last-Modified give 304, with CORS", async () => {
      const path = "/iiif/3/test:quad.jpg/full/100,/0/default.jpg";
      const first = await get(server, path);
      const etag = first.response.headers.get("etag")!;
      const lastModified = first.response.headers.get("last-modified")!;
      assert.match(first.response.headers.get("cache-control")!, /max-age=86400/);
      const conditions: Record<string, string>[] = [
        { "if-none-match": etag },
        { "if-modified-since": lastModified },
      ];
      for (const headers of conditions) {
        const again = await get(server, path, { headers });
        assert.equal(again.response.status, 304);
        assert.equal(again.body.length, 0);
        assert.equal(again.response.headers.get("access-control-allow-origin"), "*");
      }
      const changed = await get(server, path, { headers: { "if-none-match": '"other"' } });
      assert.equal(changed.response.status, 200);
    });

    await t.step("a Host header that is no URL gets 400 with CORS, not a crash", async () => {
      for (const badHost of ["a b", 'a"b>']) {
        const conn = await Deno.connect({
          hostname: "127.0.0.1",
          port: Number(new URL(server.url).port),
        });
        await conn.write(new TextEncoder().encode(
          `GET /iiif/3/test:quad.jpg/info.json HTTP/1.1\r\nHost: ${badHost}\r\n` +
            "Connection: close\r\n\r\n",
        ));
        const head = new TextDecoder().decode(
          (await new Response(conn.readable).bytes()).subarray(0, 512),
        );
        assert.match(head, /^HTTP\/1\.1 400 /, badHost);
        assert.match(head, /access-control-allow-origin: \*/i, badHost);
      }
    });

    await t.step("methods other than GET, HEAD, OPTIONS get 405", async () => {
      const { response } = await get(server, "/iiif/3/test:quad.jpg/info.json", { method: "POST" });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get("access-control-allow-origin"), "*");
    });
  });
});

Deno.test("base_url overrides the request's host in ids and redirects", async () => {
  const files = { "quad.jpg": await encodeSource(quadrantRaster(60, 40), "jpg") };
  const config = { base_url: "https://iiif.example.org/images" };
  await withServer({ files, config }, async (server) => {
    const { body } = await get(server, "/iiif/3/test:quad.jpg/info.json");
    const info = JSON.parse(new TextDecoder().decode(body));
    assert.equal(info.id, "https://iiif.example.org/images/iiif/3/test:quad.jpg");
  });
});
