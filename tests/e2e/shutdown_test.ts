import assert from "node:assert/strict";
import { withConfigFile } from "./_cli_fixture.ts";
import { refusesConnections, startServeProcess } from "./_serve_process.ts";
import { decodeBody, encodeSource, quadrantRaster } from "./server_fixture.ts";

/** How long a stopped server may take to exit: its 5 s grace timer plus start-up slack. */
const EXIT_BOUND_MS = 8_000;

Deno.test("SIGTERM lets requests in flight finish with 200, refuses new ones and exits 0", async () => {
  const sources = await Deno.makeTempDir({ prefix: "tessera-shutdown-" });
  await Deno.mkdir(`${sources}/samples`);
  const big = await encodeSource(quadrantRaster(1600, 1200), "jpg");
  await Deno.writeFile(`${sources}/samples/big.jpg`, big);
  try {
    await withConfigFile(sources, async (config) => {
      const serve = await startServeProcess(config);
      const slow = [23, 37, 51].map((degrees) =>
        fetch(`${serve.url}/iiif/3/big.jpg/full/^2000,/${degrees}/default.png`)
          .then(async (response) => ({ status: response.status, body: await response.bytes() }))
      );
      await waitForBusyWorker(serve.url);
      const signalled = performance.now();
      serve.child.kill("SIGTERM");
      await waitFor(() => refusesConnections(serve.url));
      const answers = await Promise.all(slow);
      const drainedMs = performance.now() - signalled;
      assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
      for (const { body } of answers) assert.ok((await decodeBody(body)).width >= 2000);
      const { code } = await serve.child.status;
      const exitMs = performance.now() - signalled;
      assert.equal(code, 0, serve.stderr());
      assert.ok(exitMs < EXIT_BOUND_MS, `exited after ${exitMs} ms`);
      assert.match(serve.stderr(), /finishing requests in flight/);
      console.log(`drained in ${drainedMs} ms, exited after ${exitMs} ms`);
    }, "derivative_cache_max_bytes: 0\n");
  } finally {
    await Deno.remove(sources, { recursive: true });
  }
});

async function waitForBusyWorker(url: string): Promise<void> {
  await waitFor(async () => {
    const status = await (await fetch(`${url}/status`)).json();
    return status.workers.busy > 0;
  });
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("Condition not met within 5 s");
}

Deno.test("kill -9 during a burst of cache writes leaves only complete entries after restart", async () => {
  const sources = await Deno.makeTempDir({ prefix: "tessera-kill-" });
  await Deno.mkdir(`${sources}/samples`);
  const big = await encodeSource(quadrantRaster(1600, 1200), "jpg");
  await Deno.writeFile(`${sources}/samples/big.jpg`, big);
  const widths = Array.from({ length: 24 }, (_, i) => 600 + 10 * i);
  const paths = widths.map((width, i) =>
    `/iiif/3/big.jpg/full/${width},/${i % 4 * 90}/default.png`
  );
  try {
    await withConfigFile(sources, async (config) => {
      const cacheDir = `${config.replace(/\/[^/]+$/, "")}/cache/derivatives`;
      const first = await startServeProcess(config);
      let answered = 0;
      const burst = paths.map((path) =>
        fetch(`${first.url}${path}`).then((r) => r.bytes()).then(() => answered++, () => {})
      );
      await waitFor(() => Promise.resolve(answered >= 4));
      first.child.kill("SIGKILL");
      await Promise.all(burst);
      assert.equal((await first.child.status).signal, "SIGKILL");
      // What a kill between writeFile and rename leaves, whether or not this run hit that window:
      // in an image's folder, and where a release before per-image folders wrote them.
      const owner = `${cacheDir}/ab/${"ab".repeat(16)}`;
      await Deno.mkdir(owner, { recursive: true });
      for (const folder of [owner, `${cacheDir}/ab`]) {
        await Deno.writeFile(`${folder}/${"ab".repeat(32)}.0f1e2d3c-aaaa.tmp`, big.slice(0, 100));
      }
      const second = await startServeProcess(config);
      try {
        assert.deepEqual(await filesNamed(cacheDir, /\.tmp$/), []);
        const entries = await filesNamed(cacheDir, /\.bin$/);
        assert.ok(entries.length >= 4, `${entries.length} entries`);
        for (const entry of entries) await decodeBody(await Deno.readFile(entry));
        for (const [i, path] of paths.entries()) {
          const response = await fetch(`${second.url}${path}`);
          assert.equal(response.status, 200);
          const image = await decodeBody(await response.bytes());
          assert.equal(Math.max(image.width, image.height), widths[i]);
        }
      } finally {
        second.child.kill("SIGTERM");
        await second.child.status;
      }
    });
  } finally {
    await Deno.remove(sources, { recursive: true });
  }
});

/** Every file below `dir` (any depth) whose name matches `pattern`. */
async function filesNamed(dir: string, pattern: RegExp): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) found.push(...await filesNamed(path, pattern));
    else if (pattern.test(entry.name)) found.push(path);
  }
  return found;
}
