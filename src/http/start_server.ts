import { CachedRenderer, HotDerivatives, openDerivativeCache } from "../cache/mod.ts";
import type { Config } from "../config/mod.ts";
import { type BackendChoice, chooseBackend, type GpuMode, probeGpuAdapter } from "../gpu/mod.ts";
import { describeError, loadWatermarks, SourceRegistry } from "../sources/mod.ts";
import { type ReadyInfo, WorkerPool } from "../../workers/mod.ts";
import type { AppDeps } from "./app_deps.ts";
import { createHandler } from "./handler.ts";
import { loadProfileAccess } from "./profile_access.ts";
import { jsonLineLogger, type RequestLogger } from "./request_log.ts";
import { disableNagle } from "./tcp_no_delay.ts";
import { readTlsOptions } from "./tls_options.ts";
import { warmRequestPath, type WarmUpReport } from "./warm_request_path.ts";

/** A running server. */
export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** What the handlers use, plus the worker pool (its counts and workers, for operators and tests). */
  readonly deps: AppDeps & { readonly pool: WorkerPool };
  /** What the workers reported at start (JPEG codec, fallback warning). */
  readonly workerInfo: ReadyInfo;
  /** What the warm-up before listening requested; undefined when it failed (and said why). */
  readonly warmUp: WarmUpReport | undefined;
  /** Stops accepting connections, finishes in-flight requests, stops the workers. */
  close(): Promise<void>;
}

/**
 * Imports the protected profiles' keys, opens the derivative cache (disk or Redis), reads the
 * profiles' watermarks, starts the worker pool, warms the request path (`warmRequestPath`) and
 * serves HTTP on `config.host:port`.
 *
 * @param config The validated configuration.
 * @param options `log` receives one entry per request (default: JSON lines on stdout).
 * @throws {ConfigError} A `token` profile has no usable secret, or a profile's watermark image is
 * missing or not a readable image.
 */
export async function startServer(
  config: Config,
  options: { log?: RequestLogger } = {},
): Promise<RunningServer> {
  // First, so a missing secret fails the start before anything is opened.
  const profileAccess = await loadProfileAccess(config);
  const log = options.log ?? jsonLineLogger;
  const tls = await readTlsOptions(config);
  const cache = await openDerivativeCache(config, { log: console.error });
  const watermarks = await loadWatermarks(config);
  const { pool, info } = await WorkerPool.start({
    size: config.image_pool_size,
    queueLimit: config.queue_limit,
    jobTimeoutMs: config.job_timeout_ms,
    settings: {
      sourceCacheBytes: config.image_cache_size_per_worker,
      backend: await backendChoice(config.gpu),
      gpuCacheBytes: config.gpu_cache_bytes,
      gpuTimeoutMs: config.gpu_job_timeout_ms,
      watermarks: new Map([...watermarks.values()].map((mark) => [mark.rule.image, mark.raster])),
    },
  });
  const renderer = new CachedRenderer(cache, {
    pool,
    hot: hotDerivatives(config),
    onWriteFailure: (key, error) =>
      console.error(`Cannot write derivative "${key}" to the cache: ${describeError(error)}`),
  });
  const sources = new SourceRegistry(config);
  const deps = {
    config,
    sources,
    renderer,
    pool,
    startedAt: Date.now(),
    watermarks,
    profileAccess,
  };
  const warmUp = await warmRequestPath(pool).catch((error) => {
    console.error(`WARNING: the first requests will be slower: ${describeError(error)}`);
    return undefined;
  });
  const server = Deno.serve({
    hostname: config.host,
    port: config.port,
    onListen: () => {},
    ...tls,
  }, createHandler(deps, log));
  const { hostname, port } = server.addr;
  // Only TLS needs it (Deno turns Nagle off on plain TCP connections itself), and at once: a
  // connection accepted before the listener has it keeps it on, so those are set too.
  const nagle = tls ? disableNagle(port) : undefined;
  if (nagle) console.warn(`WARNING: HTTPS answers may each wait 40 ms: ${nagle}`);
  const scheme = tls ? "https" : "http";
  return {
    url: `${scheme}://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`,
    deps,
    workerInfo: info,
    warmUp,
    async close() {
      await server.shutdown();
      await pool.close();
      renderer.close();
    },
  };
}

/**
 * The memory layer, when configured and in front of an enabled disk cache. Not in front of a
 * shared Redis cache: there a purge on one instance must reach every other at once.
 */
function hotDerivatives(config: Config): HotDerivatives | undefined {
  const onDisk = config.derivative_cache.type === "disk" && config.derivative_cache_max_bytes > 0;
  const bytes = config.derivative_cache_memory_bytes;
  return onDisk && bytes > 0 ? new HotDerivatives(bytes) : undefined;
}

/**
 * Applies the `gpu` rule once, on the main thread, so workers that end up on the CPU never load a
 * graphics driver (with `off` not even the probe runs).
 *
 * @throws {Error} `gpu: on` without a WebGPU adapter.
 */
async function backendChoice(mode: GpuMode): Promise<BackendChoice> {
  return chooseBackend(mode, mode === "off" ? undefined : await probeGpuAdapter());
}
