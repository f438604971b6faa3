import { answerCacheRequest, type DerivativeCache } from "../cache/mod.ts";
import type { Config } from "../config/mod.ts";
import type { BackendChoice } from "../gpu/mod.ts";
import type { FromListener, ToListener } from "../../workers/mod.ts";
import type { WriteBytes } from "./batched_line_writer.ts";
import { listenerShare } from "./listener_share.ts";

const LISTENER_URL = new URL("../../workers/http_listener.ts", import.meta.url);
/** Before a dead listener is replaced: a listener dying at start must not spin. */
const RESPAWN_DELAY_MS = 1_000;
/** How long a listener may take to finish its requests and stop its workers once asked to. */
const CLOSE_WAIT_MS = 35_000;

/** What the main thread gives the listeners it starts on worker threads. */
export interface ListenerGroupOptions {
  /** The derivative cache the process opened: the listeners reach it by messages. */
  readonly cache: DerivativeCache;
  readonly backend: BackendChoice;
  readonly startedAt: number;
  /** Names the server's peer channel. */
  readonly group: string;
  /** The port the main thread's listener got. */
  readonly port: number;
  /** Writes the listeners' batches of log lines. */
  readonly logLines: WriteBytes;
}

/**
 * The HTTP listeners 1 to `http_listeners - 1`, each on a worker thread (`workers/http_listener.ts`)
 * sharing the port with the main thread's: started, answered (their derivative-cache operations,
 * their log lines), replaced when one dies, stopped.
 */
export class ListenerGroup {
  readonly #config: Config;
  readonly #options: ListenerGroupOptions;
  readonly #workers = new Map<number, Worker>();
  #closing = false;

  private constructor(config: Config, options: ListenerGroupOptions) {
    this.#config = config;
    this.#options = options;
  }

  /**
   * Starts every listener but the main thread's; resolves once all listen.
   *
   * @throws {Error} A listener could not start (the others are stopped).
   */
  static async start(config: Config, options: ListenerGroupOptions): Promise<ListenerGroup> {
    const group = new ListenerGroup(config, options);
    const indices = Array.from({ length: config.http_listeners - 1 }, (_, at) => at + 1);
    const started = await Promise.allSettled(indices.map((index) => group.#spawn(index)));
    const failed = started.find((result) => result.status === "rejected");
    if (failed) {
      await group.close();
      throw failed.reason;
    }
    return group;
  }

  /** Listener `index`'s worker is terminated as if it had crashed (for tests), and replaced. */
  recycle(index: number): void {
    const worker = this.#workers.get(index);
    worker?.terminate();
    if (worker) this.#replace(index, "recycled");
  }

  /** Stops every listener: each finishes its requests and stops its image workers first. */
  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all([...this.#workers.values()].map((worker) => closeListener(worker)));
    this.#workers.clear();
  }

  #spawn(index: number): Promise<void> {
    const worker = new Worker(LISTENER_URL, {
      type: "module",
      name: `tessera-http-listener-${index}`,
    });
    this.#workers.set(index, worker);
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    worker.onmessage = (event: MessageEvent<FromListener>) => {
      const message = event.data;
      if (message.type === "listening") resolve();
      else if (message.type === "failed") {
        reject(new Error(`HTTP listener ${index}: ${message.message}`));
      } else if (message.type === "log") this.#options.logLines(message.bytes);
      else if (message.type === "cache") {
        answerCacheRequest(
          this.#options.cache,
          message,
          (reply, transfer) => post(worker, reply, transfer),
        );
      }
    };
    worker.onerror = (event) => {
      // Handled here: a listener's uncaught error must not take the server down.
      event.preventDefault();
      reject(new Error(`HTTP listener ${index} died: ${event.message}`));
      if (this.#workers.get(index) === worker) this.#replace(index, event.message);
    };
    const { backend, startedAt, group, port } = this.#options;
    const config = listenerShare(this.#config, index, port);
    post(worker, { type: "start", config, index, group, backend, startedAt });
    return promise;
  }

  #replace(index: number, reason: string): void {
    this.#workers.delete(index);
    if (this.#closing) return;
    console.error(`HTTP listener ${index} died (${reason}); replacing it`);
    setTimeout(() => {
      if (!this.#closing) this.#spawn(index).catch((error) => console.error(error.message));
    }, RESPAWN_DELAY_MS);
  }
}

function post(worker: Worker, message: ToListener, transfer: Transferable[] = []): void {
  worker.postMessage(message, transfer);
}

/** Asks a listener to stop and waits until it has (or `CLOSE_WAIT_MS`), then ends its thread. */
async function closeListener(worker: Worker): Promise<void> {
  const { promise, resolve } = Promise.withResolvers<void>();
  const timer = setTimeout(resolve, CLOSE_WAIT_MS);
  worker.addEventListener("message", (event) => {
    if ((event as MessageEvent<FromListener>).data.type === "closed") resolve();
  });
  post(worker, { type: "close" });
  await promise;
  clearTimeout(timer);
  worker.terminate();
}
