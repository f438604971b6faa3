import assert from "node:assert/strict";
import { defaultConfig } from "../../src/config/mod.ts";
import { startServer } from "../../src/http/mod.ts";
import { tessera } from "../cli/_tessera_cli.ts";
import { withCli, withConfigFile } from "./_cli_fixture.ts";
import { cacheTiming } from "./server_fixture.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

Deno.test("tessera serve prints its URL, serves, and exits cleanly on SIGTERM", async () => {
  await withConfigFile(ROOT, (config) =>
    withCli({ root: ROOT, config }, async (url, output) => {
      assert.doesNotMatch(output, /WARNING/);
      const page = await (await fetch(`${url}/`)).text();
      assert.match(page, /samples:mandelbrot\.jpg/);
      const tile = await fetch(`${url}/iiif/3/mandelbrot.jpg/0,0,512,512/512,512/0/default.jpg`);
      assert.equal(tile.status, 200);
      await tile.arrayBuffer();
    }));
});

Deno.test("without libturbojpeg, tessera warns once and serves JPEG with the wasm codec", async () => {
  const env = { TESSERA_TURBOJPEG_PATH: "/nonexistent/libturbojpeg.so.0" };
  await withConfigFile(
    ROOT,
    (config) =>
      withCli({ root: ROOT, config, env }, async (url, output) => {
        assert.equal(output.match(/WARNING/g)?.length, 1);
        assert.match(output, /JPEG codec wasm/);
        const thumb = await fetch(`${url}/iiif/3/mandelbrot.jpg/full/!200,200/0/default.jpg`);
        assert.equal(thumb.status, 200);
        assert.equal(thumb.headers.get("content-type"), "image/jpeg");
        await thumb.arrayBuffer();
      }),
  );
});

Deno.test("tessera check-config names the file and key of a bad value", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera-cli-" });
  try {
    const config = `${dir}/bad.yml`;
    await Deno.writeTextFile(config, "port: 99999\n");
    const { code, err: message } = await tessera("check-config", "--config", config);
    assert.equal(code, 2);
    assert.match(message, /bad\.yml/);
    assert.match(message, /port/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tessera check-config accepts a copy of config.example.yml as it is", async () => {
  // The README's way to serve one's own images: copy the example, then start with it.
  const dir = await Deno.makeTempDir({ prefix: "tessera-cli-" });
  try {
    const config = `${dir}/your.yml`;
    await Deno.copyFile(`${ROOT}/config.example.yml`, config);
    const { code, err } = await tessera("check-config", "--config", config);
    assert.equal(code, 0, err);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the embedded default config serves every committed sample", async () => {
  const cache = await Deno.makeTempDir({ prefix: "tessera-default-" });
  const server = await startServer(
    { ...defaultConfig(ROOT, cache), port: 0, image_pool_size: 1 },
    { log: () => {} },
  );
  try {
    const samples = [...Deno.readDirSync(`${ROOT}/samples`)].map((entry) => entry.name);
    assert.ok(samples.length >= 3);
    for (const name of samples) {
      const info = await (await fetch(`${server.url}/iiif/3/${name}/info.json`)).json();
      assert.ok(info.width > 0, name);
      const thumb = await fetch(`${server.url}/iiif/3/samples:${name}/full/!200,200/0/default.jpg`);
      assert.equal(thumb.status, 200, name);
      await thumb.arrayBuffer();
    }
  } finally {
    await server.close();
    await Deno.remove(cache, { recursive: true });
  }
});

Deno.test("tessera serve on a port already in use says so and exits 2", async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const dir = await Deno.makeTempDir({ prefix: "tessera-cli-" });
  try {
    await Deno.writeTextFile(
      `${dir}/busy.yml`,
      `port: ${listener.addr.port}\nimage_pool_size: 1\n`,
    );
    const { code, err } = await tessera("serve", "--config", `${dir}/busy.yml`);
    assert.equal(code, 2);
    assert.match(err, /Cannot listen/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tessera purge and DELETE /cache/{identifier} turn cache hits back into misses", async () => {
  const env = { TESSERA_ADMIN_TOKEN: "e2e-token" };
  const thumb = "/iiif/3/mandelbrot.jpg/full/150,/0/default.jpg";
  const cacheOf = async (url: string) => {
    const response = await fetch(`${url}${thumb}`);
    await response.arrayBuffer();
    return cacheTiming(response);
  };
  await withConfigFile(ROOT, async (config) => {
    await withCli({ root: ROOT, config, env }, async (url) => {
      assert.equal(await cacheOf(url), "miss");
      assert.equal(await cacheOf(url), "hit");
    });
    const { code, out } = await tessera("purge", "mandelbrot.jpg", "--config", config);
    assert.equal(code, 0);
    assert.match(out, /Purged 1 derivative of "mandelbrot\.jpg"/);
    await withCli({ root: ROOT, config, env }, async (url) => {
      assert.equal(await cacheOf(url), "miss");
      const refused = await fetch(`${url}/cache/mandelbrot.jpg`, { method: "DELETE" });
      assert.equal(refused.status, 401);
      await refused.body?.cancel();
      const purged = await fetch(`${url}/cache/samples:mandelbrot.jpg`, {
        method: "DELETE",
        headers: { authorization: "Bearer e2e-token" },
      });
      assert.deepEqual(await purged.json(), { purged: 1 });
      assert.equal(await cacheOf(url), "miss");
    });
  });
});

Deno.test("tessera warm fills the cache that tessera serve then answers from", async () => {
  await withConfigFile(ROOT, async (config) => {
    const { code, out } = await tessera(
      "warm",
      "samples",
      "mandelbrot.jpg",
      "--sizes",
      "150",
      "-c",
      config,
    );
    assert.equal(code, 0);
    assert.match(out, /Warmed 1 derivatives of 1 images .*: 1 made, 0 already/);
    await withCli({ root: ROOT, config }, async (url) => {
      const thumb = await fetch(`${url}/iiif/3/mandelbrot.jpg/full/150,/0/default.jpg`);
      assert.equal(thumb.status, 200);
      await thumb.arrayBuffer();
      assert.match(thumb.headers.get("server-timing") ?? "", /cache;desc="hit"/);
    });
  });
});
