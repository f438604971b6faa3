import { spawnGroup } from "./process_group.ts";
import type { RunningServer, ServerKind } from "./server_kind.ts";

const REPO_ROOT = new URL("../..", import.meta.url).pathname;
const START_TIMEOUT_MS = 60_000;
const CORES = navigator.hardwareConcurrency;

/**
 * Tessera from this checkout (`deno run main.ts serve`), with its default configuration except
 * the images (profile `bench`, `<workDir>/sources/bench/`), port 0, one HTTP listener per core
 * (`http_listeners`, as the README advises for a busy server) and, when `derivativeCache` is
 * false, `derivative_cache_max_bytes: 0`. Every start gets an empty derivative cache folder. Its
 * request log (one JSON line per request on stdout) goes to /dev/null. `env` is added to the
 * process's environment, `settings` to its configuration (e.g. `tls`).
 */
export function tesseraKind(
  workDir: string,
  derivativeCache: boolean,
  env: Record<string, string> = {},
  settings: Record<string, unknown> = {},
): ServerKind {
  return {
    label: derivativeCache ? "Tessera" : "Tessera, no derivative cache",
    setup: derivativeCache
      ? `default configuration (${CORES} workers, derivative cache 1 GiB, source LRU 256 MiB per ` +
        `worker) but \`http_listeners: ${CORES}\` (one per core)`
      : "the same with `derivative_cache_max_bytes: 0`: every image request is made by a worker",
    reads: () => true,
    path: (fileName, tail) => `/iiif/3/bench:${fileName}/${tail}`,
    start: () => startTessera(workDir, derivativeCache, env, settings),
  };
}

async function startTessera(
  workDir: string,
  derivativeCache: boolean,
  env: Record<string, string>,
  settings: Record<string, unknown>,
): Promise<RunningServer> {
  const cacheDir = await Deno.makeTempDir({ dir: workDir, prefix: "tessera-cache-" });
  const configFile = `${cacheDir}.json`;
  const config = {
    host: "127.0.0.1",
    port: 0,
    source_path: `${workDir}/sources`,
    cache_path: cacheDir,
    profiles: { bench: { type: "disk" } },
    http_listeners: CORES,
    ...(derivativeCache ? {} : { derivative_cache_max_bytes: 0 }),
    ...settings,
  };
  // JSON is YAML, which is what the config loader reads.
  await Deno.writeTextFile(configFile, JSON.stringify(config));
  const process = spawnGroup(Deno.execPath(), [
    "run",
    "--allow-all",
    `${REPO_ROOT}main.ts`,
    "serve",
    "--config",
    configFile,
  ], { cwd: REPO_ROOT, env, discardStdout: true });
  try {
    const match = await process.waitForLine(/listening on (https?:\/\/[^/ ]+)\//, START_TIMEOUT_MS);
    return { pid: process.pid, baseUrl: match[1], stop: process.stop };
  } catch (error) {
    await process.stop();
    throw new Error(`Tessera did not start: ${process.output.join("\n")}`, { cause: error });
  }
}
