/// <reference lib="deno.worker" />
/**
 * An HTTP listener on a worker thread (`http_listeners` above 1): the same app as the main
 * thread's, with its own connections, sources and image workers, on the shared port. The
 * derivative cache is the main thread's, reached by messages; its log lines are written there.
 *
 * @module
 */
import {
  type DerivativeCache,
  openDerivativeCache,
  RemoteDerivativeCache,
  servesFromDisk,
} from "../src/cache/mod.ts";
import type { Config } from "../src/config/mod.ts";
import { jsonLinesTo, type Listener, ListenerPeers, startListener } from "../src/http/mod.ts";
import { describeError } from "../src/sources/mod.ts";
import type { FromListener, ToListener } from "./listener_protocol.ts";

let listener: Listener | undefined;
let peers: ListenerPeers | undefined;
const remote = new RemoteDerivativeCache((request) => post(request));

function post(message: FromListener, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

self.onmessage = async (event: MessageEvent<ToListener>) => {
  const message = event.data;
  switch (message.type) {
    case "start":
      return await start(message);
    case "cache-reply":
      return remote.answer(message);
    case "close":
      await listener?.close();
      peers?.close();
      remote.close();
      post({ type: "closed" });
      return self.close();
    default:
      message satisfies never;
  }
};

async function start(message: Extract<ToListener, { type: "start" }>): Promise<void> {
  const { config, index, group, backend, startedAt } = message;
  peers = new ListenerPeers(group, index, config.http_listeners);
  // The batch is encoded for this write only: handed over, not copied.
  const log = jsonLinesTo((bytes) => post({ type: "log", bytes }, [bytes.buffer as ArrayBuffer]));
  try {
    const cache = await listenerCache(config);
    listener = await startListener(config, { cache, backend, log, startedAt, peers });
    post({ type: "listening" });
  } catch (error) {
    post({ type: "failed", message: describeError(error) });
  }
}

/**
 * The main thread's cache by messages; with derivative caching off, a disabled one of its own,
 * so that no request waits on a message for a lookup that cannot hit.
 */
async function listenerCache(config: Config): Promise<DerivativeCache> {
  const shared = config.derivative_cache.type === "redis" || servesFromDisk(config);
  return shared ? remote : await openDerivativeCache(config);
}
