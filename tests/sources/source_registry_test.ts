import assert from "node:assert/strict";
import { parseConfig } from "../../src/config/mod.ts";
import { IdentifierNotFoundError, SourceRegistry } from "../../src/sources/mod.ts";
import { encodeFixture, withTempDir } from "./_fixtures.ts";
import { image, startUpstream } from "./_upstream.ts";

/** A registry over `dir` with the profiles `p` (default, listable) and `q`. */
function registryOver(dir: string, infoJsonCacheSize = 1000): SourceRegistry {
  const config = parseConfig({
    source_path: dir,
    default_profile: "p",
    profiles: {
      p: { type: "disk", listable: true, info_json_cache_size: infoJsonCacheSize },
      q: { type: "disk" },
    },
  }, { file: "(test)", baseDir: dir });
  return new SourceRegistry(config);
}

async function writeImage(path: string, width: number, height: number): Promise<void> {
  await Deno.mkdir(path.replace(/\/[^/]+$/, ""), { recursive: true });
  await Deno.writeFile(path, await encodeFixture(width, height));
}

Deno.test("SourceRegistry.identify() names the profile without touching the source", () => {
  const registry = registryOver("/nonexistent");
  assert.deepEqual(registry.identify("q:gone.png"), { profile: "q", name: "gone.png" });
  assert.deepEqual(registry.identify("r:x.png"), { profile: "p", name: "r:x.png" });
});

Deno.test("SourceRegistry.resolve() finds prefixed and default-profile names", async () => {
  await withTempDir(async (dir) => {
    await writeImage(`${dir}/p/a/x.png`, 4, 3);
    await writeImage(`${dir}/q/y.png`, 2, 2);
    const registry = registryOver(dir);
    for (
      const [identifier, profile, name] of [["p:a/x.png", "p", "a/x.png"], [
        "a/x.png",
        "p",
        "a/x.png",
      ], ["q:y.png", "q", "y.png"]]
    ) {
      const { ref, profile: settings } = await registry.resolve(identifier);
      const stat = await Deno.stat(`${dir}/${profile}/${name}`);
      assert.deepEqual(ref, {
        profile,
        name,
        path: `${dir}/${profile}/${name}`,
        size: stat.size,
        mtimeMs: stat.mtime!.getTime(),
      });
      assert.equal(settings.listable, profile === "p");
    }
  });
});

Deno.test("SourceRegistry.resolve() throws IdentifierNotFoundError for unknown images", async () => {
  await withTempDir(async (dir) => {
    await writeImage(`${dir}/q/y.png`, 2, 2);
    const registry = registryOver(dir);
    for (const identifier of ["p:missing.png", "y.png", "q:../q/y.png", "r:y.png", ""]) {
      await assert.rejects(
        registry.resolve(identifier),
        (error) =>
          error instanceof IdentifierNotFoundError &&
          error.message === `Cannot find image "${identifier}"`,
        identifier,
      );
    }
  });
});

Deno.test("SourceRegistry.probe() reuses a header while the file is unchanged", async () => {
  await withTempDir(async (dir) => {
    await writeImage(`${dir}/p/x.png`, 4, 3);
    const registry = registryOver(dir);
    const before = (await registry.resolve("x.png")).ref;
    assert.equal((await registry.probe(before)).width, 4);
    await writeImage(`${dir}/p/x.png`, 300, 200);
    assert.equal((await registry.probe(before)).width, 4, "same path, size and mtime: cached");
    const after = (await registry.resolve("x.png")).ref;
    assert.notEqual(after.size, before.size);
    const probed = await registry.probe(after);
    assert.deepEqual([probed.width, probed.height], [300, 200]);
  });
});

Deno.test("SourceRegistry.probe() reads every time when info_json_cache_size is 0", async () => {
  await withTempDir(async (dir) => {
    await writeImage(`${dir}/p/x.png`, 4, 3);
    const registry = registryOver(dir, 0);
    const before = (await registry.resolve("x.png")).ref;
    assert.equal((await registry.probe(before)).width, 4);
    await writeImage(`${dir}/p/x.png`, 300, 200);
    assert.equal((await registry.probe(before)).width, 300);
  });
});

Deno.test("SourceRegistry.probe() throws IdentifierNotFoundError when the file vanished", async () => {
  await withTempDir(async (dir) => {
    await writeImage(`${dir}/p/a/x.png`, 4, 3);
    const registry = registryOver(dir);
    const { ref } = await registry.resolve("a/x.png");
    await Deno.remove(ref.path);
    await assert.rejects(
      registry.probe(ref),
      (error) =>
        error instanceof IdentifierNotFoundError &&
        error.message === 'Cannot find image "p:a/x.png"' &&
        error.cause instanceof Deno.errors.NotFound,
    );
  });
});

Deno.test("SourceRegistry.listable() lists only listable profiles, prefixed", async () => {
  await withTempDir(async (dir) => {
    await writeImage(`${dir}/p/b.png`, 2, 2);
    await writeImage(`${dir}/p/a/x.png`, 2, 2);
    await writeImage(`${dir}/q/y.png`, 2, 2);
    assert.deepEqual(await registryOver(dir).listable(), ["p:a/x.png", "p:b.png"]);
  });
});

/** A registry over `dir` with a `web` and a `trusted_web` profile reading from `origin`. */
function remoteRegistryOver(dir: string, origin: string, maxHttpFetches = 8): SourceRegistry {
  const remote = { allow_private_networks: true, listable: true };
  const config = parseConfig({
    source_path: dir,
    max_http_fetches: maxHttpFetches,
    profiles: {
      web: { type: "web", url: `${origin}/img/{name}`, ...remote },
      links: { type: "trusted_web", regex: `${origin.replaceAll(".", "\\.")}/img/.+`, ...remote },
    },
  }, { file: "(test)", baseDir: dir });
  return new SourceRegistry(config);
}

function base64url(text: string): string {
  return new TextEncoder().encode(text).toBase64({ alphabet: "base64url", omitPadding: true });
}

Deno.test("SourceRegistry.resolve() fetches web and trusted_web images into source_path", async () => {
  await withTempDir(async (dir) => {
    await using upstream = startUpstream({ "/img/a.png": image(await encodeFixture(7, 5)) });
    const registry = remoteRegistryOver(dir, upstream.origin);
    const linked = `links:${base64url(`${upstream.origin}/img/a.png`)}`;
    for (const identifier of ["web:a.png", linked, "web:a.png"]) {
      const { ref, profile } = await registry.resolve(identifier);
      assert.ok(ref.path.startsWith(`${dir}/${ref.profile}/`), ref.path);
      assert.equal(profile.type, ref.profile === "web" ? "web" : "trusted_web");
      const probed = await registry.probe(ref);
      assert.deepEqual([probed.format, probed.width, probed.height], ["png", 7, 5]);
    }
    assert.equal(upstream.hits("/img/a.png"), 2, "once per profile");
    assert.deepEqual(await registry.listable(), ["web:a.png", linked], "in profile order");
  });
});

Deno.test("SourceRegistry.resolve() throws IdentifierNotFoundError for missing remote images", async () => {
  await withTempDir(async (dir) => {
    await using upstream = startUpstream({});
    const registry = remoteRegistryOver(dir, upstream.origin);
    const offRegex = `links:${base64url("http://127.0.0.1:1/elsewhere/a.png")}`;
    for (const identifier of ["web:missing.png", offRegex, "links:not-base64!"]) {
      await assert.rejects(registry.resolve(identifier), IdentifierNotFoundError, identifier);
    }
    assert.equal(upstream.totalHits(), 1, "only the web profile's 404 reached the upstream");
  });
});

Deno.test("SourceRegistry shares max_http_fetches among all remote profiles", async () => {
  await withTempDir(async (dir) => {
    const png = await encodeFixture(2, 2);
    await using upstream = startUpstream({
      "/img/a.png": image(png, 50),
      "/img/b.png": image(png, 50),
    });
    const registry = remoteRegistryOver(dir, upstream.origin, 1);
    await Promise.all([
      registry.resolve("web:a.png"),
      registry.resolve(`links:${base64url(`${upstream.origin}/img/b.png`)}`),
    ]);
    assert.equal(upstream.totalHits(), 2);
    assert.equal(upstream.peakConcurrency, 1);
  });
});
