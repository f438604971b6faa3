/**
 * `deno compile` cannot run on our CI machines (its `denort` runtime cannot be downloaded), so
 * this proves the binary would be whole instead: the server is run from a copy of the repository
 * holding only what the compile task embeds — the module graphs of `main.ts` and of the
 * `--include`d files, and those files themselves — and must serve every output format and run a
 * GPU job (which reads the WGSL shaders at run time).
 *
 * @module
 */
import assert from "node:assert/strict";
import { probeGpuAdapter } from "../../src/gpu/mod.ts";
import { withCli, withConfigFile } from "./_cli_fixture.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** The `--include` paths of the `compile` task in deno.json. */
async function compileIncludes(): Promise<string[]> {
  const { tasks } = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`));
  return [...(tasks.compile as string).matchAll(/--include\s+(\S+)/g)].map((m) => m[1]);
}

async function filesUnder(path: string): Promise<string[]> {
  const info = await Deno.stat(`${ROOT}/${path}`);
  if (!info.isDirectory) return [path];
  const files: string[] = [];
  for await (const entry of Deno.readDir(`${ROOT}/${path}`)) {
    files.push(...await filesUnder(`${path.replace(/\/$/, "")}/${entry.name}`));
  }
  return files;
}

/** Repository files in the static module graph of `entry`. */
async function moduleGraph(entry: string): Promise<string[]> {
  const { stdout } = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    cwd: ROOT,
    stdout: "piped",
    stderr: "null",
  }).output();
  const { modules } = JSON.parse(new TextDecoder().decode(stdout));
  const prefix = `file://${ROOT}/`;
  return modules
    .map((module: { specifier: string }) => module.specifier)
    .filter((specifier: string) => specifier.startsWith(prefix))
    .map((specifier: string) => specifier.slice(prefix.length));
}

/** Everything `deno compile` would embed, as paths relative to the repository. */
async function embeddedFiles(): Promise<Set<string>> {
  const included = (await Promise.all((await compileIncludes()).map(filesUnder))).flat();
  const entries = ["main.ts", ...included.filter((file) => file.endsWith(".ts"))];
  const graphs = await Promise.all(entries.map(moduleGraph));
  return new Set([...included, ...graphs.flat()]);
}

Deno.test({
  name: "the files deno compile embeds are all the server needs",
  sanitizeResources: false,
  fn: async () => {
    const files = await embeddedFiles();
    assert.ok(files.has("workers/image_worker.ts") && files.has("shaders/rotate.wgsl"));
    const copy = await Deno.makeTempDir({ prefix: "tessera-compiled-" });
    try {
      for (const file of [...files, "deno.json", "deno.lock"]) {
        await Deno.mkdir(`${copy}/${file}`.replace(/\/[^/]*$/, ""), { recursive: true });
        await Deno.copyFile(`${ROOT}/${file}`, `${copy}/${file}`);
      }
      // npm packages are embedded whole by deno compile: share the installed ones.
      await Deno.symlink(`${ROOT}/node_modules`, `${copy}/node_modules`);
      const gpu = await probeGpuAdapter() ? "gpu: on\n" : "";
      await withConfigFile(copy, (config) =>
        withCli({ root: copy, config }, async (url) => {
          await expectServes(url, gpu !== "");
        }), gpu);
    } finally {
      await Deno.remove(copy, { recursive: true });
    }
  },
});

async function expectServes(url: string, gpu: boolean): Promise<void> {
  const page = await (await fetch(`${url}/`)).text();
  assert.match(page, /samples:mandelbrot\.jpg/);
  for (const format of ["jpg", "png", "webp", "gif", "tif"]) {
    const response = await fetch(`${url}/iiif/3/test-chart.png/full/!300,300/30/default.${format}`);
    assert.equal(response.status, 200, format);
    await response.arrayBuffer();
    if (gpu) assert.match(response.headers.get("server-timing") ?? "", /backend;desc="gpu"/);
  }
  const webp = await fetch(`${url}/iiif/3/colour-wheel.webp/info.json`);
  assert.equal(webp.status, 200);
  await webp.arrayBuffer();
  await expectsViewer(url);
}

/** The viewer page and its files, which are read from the npm package and embedded text. */
async function expectsViewer(url: string): Promise<void> {
  const page = await (await fetch(`${url}/viewer/mandelbrot.jpg`)).text();
  const files = [...page.matchAll(/<(?:script src|link rel="stylesheet" href)="([^"]+)"/g)]
    .map((match) => match[1]);
  const prefix = /data-prefix-url="([^"]+)"/.exec(page)?.[1];
  assert.equal(files.length, 3);
  for (const asset of [...files, `${prefix}zoomin_rest.png`]) {
    const response = await fetch(asset);
    assert.equal(response.status, 200, asset);
    await response.arrayBuffer();
  }
}
