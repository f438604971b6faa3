import assert from "node:assert/strict";
import { parseConfig } from "../../src/config/mod.ts";
import { type RunningServer, startServer } from "../../src/http/mod.ts";
import { encodeSource, get, quadrantRaster, withServer } from "./server_fixture.ts";

/** Runs `body` with `TMPDIR` set to `dir`, so that the temporary folders made are seen there. */
async function withTmpDir(dir: string, body: () => Promise<void>): Promise<void> {
  const before = Deno.env.get("TMPDIR");
  Deno.env.set("TMPDIR", dir);
  try {
    await body();
  } finally {
    if (before === undefined) Deno.env.delete("TMPDIR");
    else Deno.env.set("TMPDIR", before);
  }
}

/** How many of this process's descriptors point into a warm-up folder. */
function warmUpDescriptors(): number {
  let count = 0;
  for (const entry of Deno.readDirSync("/proc/self/fd")) {
    try {
      if (Deno.readLinkSync(`/proc/self/fd/${entry.name}`).includes("tessera-warm-up-")) count++;
    } catch {
      // Closed while the folder was read.
    }
  }
  return count;
}

Deno.test("startServer() warms every worker's TIFF path before listening, and nothing shows it", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "tessera-warm-tmp-" });
  const files = { "a.jpg": await encodeSource(quadrantRaster(64, 48), "jpg") };
  try {
    await withTmpDir(tmp, async () => {
      await withServer({ files, config: { image_pool_size: 2, gpu: "off" } }, async (t) => {
        const warmUp = t.server.warmUp;
        assert.ok(warmUp, "the warm-up ran");
        const kinds = warmUp.paths.map((path) => path.split("/").slice(4).join("/"));
        assert.deepEqual(kinds, [
          "info.json",
          "info.json",
          "full/!700,700/0/default.jpg",
          "full/!699,699/0/default.jpg",
          "0,0,256,256/256,256/0/default.jpg",
          "256,0,256,256/256,256/0/default.jpg",
          "1024,0,476,512/238,256/0/default.jpg",
          "1024,512,476,488/238,244/0/default.jpg",
        ]);
        // Two level reads and two edge crops on the workers, two stored tiles on the main thread.
        assert.equal(warmUp.jobs, 6);
        const { jobs, jobsByBackend, fallbacks } = t.server.deps.pool.stats();
        assert.deepEqual({ jobs, jobsByBackend, fallbacks }, {
          jobs: 0,
          jobsByBackend: { cpu: 0, gpu: 0 },
          fallbacks: 0,
        });
        assert.deepEqual(t.logs, [], "no request log line");
        const metrics = new TextDecoder().decode((await get(t, "/metrics")).body);
        assert.doesNotMatch(metrics, /^tessera_http_requests_total\{/m, "no request counted");
        assert.doesNotMatch(metrics, /^tessera_\w+_total(\{[^}]*\})? [1-9]/m, "every count is 0");
        assert.doesNotMatch(metrics, /warm/);
        const cache = t.server.deps.renderer.stats();
        assert.deepEqual([cache.entries, cache.bytes], [0, 0], "the derivative cache is empty");
        // The workers close it when their "forget" message arrives: give them a moment.
        for (let wait = 0; wait < 100 && warmUpDescriptors() > 0; wait++) {
          await new Promise((done) => setTimeout(done, 20));
        }
        assert.equal(warmUpDescriptors(), 0, "no descriptor left on the deleted warm-up file");
        const names = [];
        for await (const entry of Deno.readDir(tmp)) names.push(entry.name);
        assert.deepEqual(names.filter((name) => !name.startsWith("tessera-e2e-")), []);
      });
    });
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("startServer() serves when the warm-up fails, saying so in one line", async () => {
  const root = await Deno.makeTempDir({ prefix: "tessera-e2e-" });
  await Deno.mkdir(`${root}/sources/test`, { recursive: true });
  await Deno.writeFile(
    `${root}/sources/test/a.jpg`,
    await encodeSource(quadrantRaster(64, 48), "jpg"),
  );
  const config = parseConfig({
    host: "127.0.0.1",
    port: 0,
    source_path: "sources",
    derivative_cache_max_bytes: 0,
    image_pool_size: 1,
    gpu: "off",
    profiles: { test: { type: "disk" } },
    default_profile: "test",
  }, { file: "(test config)", baseDir: root });
  const errors: string[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => errors.push(args.join(" "));
  let server: RunningServer | undefined;
  try {
    // The warm-up cannot make its temporary folder there.
    await withTmpDir(`${root}/missing`, async () => {
      server = await startServer(config, { log: () => {} });
    });
  } finally {
    console.error = consoleError;
  }
  try {
    assert.ok(server);
    assert.equal(server.warmUp, undefined);
    assert.equal(errors.length, 1, errors.join("\n"));
    assert.match(errors[0], /^WARNING: the first requests will be slower: /);
    const response = await fetch(`${server.url}/iiif/3/a.jpg/full/32,/0/default.jpg`);
    await response.body?.cancel();
    assert.equal(response.status, 200);
  } finally {
    await server?.close();
    await Deno.remove(root, { recursive: true });
  }
});
