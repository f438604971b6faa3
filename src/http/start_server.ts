import { openDerivativeCache } from "../cache/mod.ts";
import type { Config } from "../config/mod.ts";
import { type BackendChoice, chooseBackend, type GpuMode, probeGpuAdapter } from "../gpu/mod.ts";
import type { ReadyInfo, WorkerPool } from "../../workers/mod.ts";
import type { AppDeps } from "./app_deps.ts";
import { writeToStdout } from "./batched_line_writer.ts";
import { ListenerGroup } from "./listener_group.ts";
import { ListenerPeers } from "./listener_peers.ts";
import { listenerShare } from "./listener_share.ts";
import { startListener } from "./start_listener.ts";
import { loadProfileAccess } from "./profile_access.ts";
import { jsonLineLogger, type RequestLogger } from "./request_log.ts";
import { disableNagle } from "./tcp_no_delay.ts";
import type { WarmUpReport } from "./warm_request_path.ts";

/** A running server. */
export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /**
   * What the main thread's listener's handlers use, plus its worker pool (counts and workers,
   * for operators and tests).
   */
  readonly deps: AppDeps & { readonly pool: WorkerPool };
  /** What the main thread's workers reported at start (JPEG codec, fallback warning). */
  readonly workerInfo: ReadyInfo;
  /** What the warm-up before listening requested; undefined when it failed (and said why). */
  readonly warmUp: WarmUpReport | undefined;
  /** The listeners on worker threads, when `http_listeners` is above 1. */
  readonly listeners: ListenerGroup | undefined;
  /** Stops accepting connections, finishes in-flight requests, stops the workers. */
  close(): Promise<void>;
}

/**
 * Imports the protected profiles' keys, opens the derivative cache (disk or Redis), chooses the
 * backend, starts the main thread's listener (`startListener`) and, with `http_listeners` above
 * 1, the others on worker threads, all on `config.host:port`.
 *
 * @param config The validated configuration.
 * @param options `log` receives the main thread's listener's entries (default: JSON lines on
 *   stdout, where the other listeners' lines go too, written by this thread only).
 * @throws {ConfigError} A `token` profile has no usable secret, or a profile's watermark image is
 * missing or not a readable image.
 */
export async function startServer(
  config: Config,
  options: { log?: RequestLogger } = {},
): Promise<RunningServer> {
  // First, so a missing secret fails the start before anything is opened.
  const profileAccess = await loadProfileAccess(config);
  const cache = await openDerivativeCache(config, { log: console.error });
  const backend = await backendChoice(config.gpu);
  const startedAt = Date.now();
  const group = crypto.randomUUID();
  const count = config.http_listeners;
  const peers = count > 1 ? new ListenerPeers(group, 0, count) : undefined;
  const shared = { cache, backend, startedAt };
  const log = options.log ?? jsonLineLogger;
  let first;
  let others;
  try {
    const share = listenerShare(config, 0, config.port);
    first = await startListener(share, { ...shared, peers, log, profileAccess });
    others = count > 1
      ? await ListenerGroup.start(config, {
        ...shared,
        group,
        port: first.port,
        // A custom logger (tests) gets the main thread's entries only.
        logLines: options.log ? () => {} : writeToStdout,
      }).catch(async (error) => {
        await first!.close();
        throw error;
      })
      : undefined;
  } catch (error) {
    peers?.close();
    cache.close();
    throw error;
  }
  const { hostname, port } = first;
  const tls = config.tls !== null;
  // Only TLS needs it (Deno turns Nagle off on plain TCP connections itself), and at once: a
  // connection accepted before the listeners have it keeps it on, so those are set too.
  const nagle = tls ? disableNagle(port) : undefined;
  if (nagle) console.warn(`WARNING: HTTPS answers may each wait 40 ms: ${nagle}`);
  const scheme = tls ? "https" : "http";
  const listener = first;
  return {
    url: `${scheme}://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`,
    deps: listener.deps,
    workerInfo: listener.workerInfo,
    warmUp: listener.warmUp,
    listeners: others,
    async close() {
      await others?.close();
      await listener.close();
      peers?.close();
      cache.close();
    },
  };
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
