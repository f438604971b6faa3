import {
  CachedRenderer,
  type DerivativeCache,
  HotDerivatives,
  servesFromDisk,
} from "../cache/mod.ts";
import type { Config } from "../config/mod.ts";
import type { BackendChoice } from "../gpu/mod.ts";
import { describeError, loadWatermarks, SourceRegistry } from "../sources/mod.ts";
import { type ReadyInfo, WorkerPool } from "../../workers/mod.ts";
import type { AppDeps } from "./app_deps.ts";
import { createHandler } from "./handler.ts";
import type { ListenerPeers } from "./listener_peers.ts";
import { loadProfileAccess, type ProfileAccess } from "./profile_access.ts";
import type { RequestLogger } from "./request_log.ts";
import { readTlsOptions } from "./tls_options.ts";
import { warmRequestPath, type WarmUpReport } from "./warm_request_path.ts";

/** One HTTP listener: its sources, image workers and renderer, serving on the port. */
export interface Listener {
  readonly deps: AppDeps & { readonly pool: WorkerPool };
  /** What its workers reported at start (JPEG codec, fallback warning). */
  readonly workerInfo: ReadyInfo;
  /** What the warm-up before listening requested; undefined when it failed (and said why). */
  readonly warmUp: WarmUpReport | undefined;
  readonly hostname: string;
  /** The port it listens on (the one picked when the configuration says 0). */
  readonly port: number;
  /** Stops accepting connections, finishes in-flight requests, stops its workers. */
  close(): Promise<void>;
}

/** What a listener shares with the server's others, or is given by the thread that started it. */
export interface ListenerOptions {
  /** The derivative cache: the one the process opened, or the main thread's reached by messages. */
  readonly cache: DerivativeCache;
  readonly backend: BackendChoice;
  readonly log: RequestLogger;
  /** When the server started: nothing it answers is older (`Last-Modified`). */
  readonly startedAt: number;
  /** The server's other listeners; with them the port is shared (`reusePort`). */
  readonly peers?: ListenerPeers;
  /** Already loaded by the caller (who checked the secrets before opening anything). */
  readonly profileAccess?: ReadonlyMap<string, ProfileAccess>;
}

/**
 * Reads the profiles' watermarks, starts this listener's image workers, warms the request path
 * (`warmRequestPath`) and serves HTTP on `config.host:port`.
 *
 * @param config The configuration, with this listener's share of workers and memory.
 * @throws {ConfigError} A `token` profile has no usable secret, or a profile's watermark image is
 * missing or not a readable image.
 */
export async function startListener(config: Config, options: ListenerOptions): Promise<Listener> {
  const profileAccess = options.profileAccess ?? await loadProfileAccess(config);
  const tls = await readTlsOptions(config);
  const watermarks = await loadWatermarks(config);
  const { pool, info } = await WorkerPool.start({
    size: config.image_pool_size,
    queueLimit: config.queue_limit,
    jobTimeoutMs: config.job_timeout_ms,
    settings: {
      sourceCacheBytes: config.image_cache_size_per_worker,
      backend: options.backend,
      gpuCacheBytes: config.gpu_cache_bytes,
      gpuTimeoutMs: config.gpu_job_timeout_ms,
      watermarks: new Map([...watermarks.values()].map((mark) => [mark.rule.image, mark.raster])),
    },
  });
  const renderer = new CachedRenderer(options.cache, {
    pool,
    hot: hotDerivatives(config),
    onWriteFailure: (key, error) =>
      console.error(`Cannot write derivative "${key}" to the cache: ${describeError(error)}`),
  });
  const { startedAt, peers } = options;
  const sources = new SourceRegistry(config);
  const deps = { config, sources, renderer, pool, startedAt, watermarks, profileAccess, peers };
  const warmUp = await warmRequestPath(pool).catch((error) => {
    console.error(`WARNING: the first requests will be slower: ${describeError(error)}`);
    return undefined;
  });
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: config.host,
      port: config.port,
      reusePort: peers !== undefined,
      onListen: () => {},
      ...tls,
    }, createHandler(deps, options.log));
  } catch (error) {
    await pool.close();
    throw error;
  }
  return {
    deps,
    workerInfo: info,
    warmUp,
    ...server.addr,
    async close() {
      await server.shutdown();
      await pool.close();
    },
  };
}

/**
 * The memory layer, when configured and in front of an enabled disk cache. Not in front of a
 * shared Redis cache: there a purge on one instance must reach every other at once.
 */
function hotDerivatives(config: Config): HotDerivatives | undefined {
  const bytes = config.derivative_cache_memory_bytes;
  return servesFromDisk(config) && bytes > 0 ? new HotDerivatives(bytes) : undefined;
}
