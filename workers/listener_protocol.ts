import type { CacheReply, CacheRequest } from "../src/cache/mod.ts";
import type { Config } from "../src/config/mod.ts";
import type { BackendChoice } from "../src/gpu/mod.ts";

/** Main thread → an HTTP listener worker (`http_listener.ts`). */
export type ToListener =
  | {
    readonly type: "start";
    /** Its share of the configuration (`listenerShare`), on the port the server got. */
    readonly config: Config;
    readonly index: number;
    /** Names the server's peer channel (`ListenerPeers`). */
    readonly group: string;
    readonly backend: BackendChoice;
    readonly startedAt: number;
  }
  | CacheReply
  | { readonly type: "close" };

/** An HTTP listener worker → main thread. */
export type FromListener =
  | { readonly type: "listening" }
  | { readonly type: "failed"; readonly message: string }
  | CacheRequest
  /** A batch of whole request-log lines, for the main thread to write. */
  | { readonly type: "log"; readonly bytes: Uint8Array }
  /** After `close`: its connections are finished and its image workers stopped. */
  | { readonly type: "closed" };
