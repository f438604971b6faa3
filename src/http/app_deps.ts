import type { CachedRenderer } from "../cache/mod.ts";
import type { Config } from "../config/mod.ts";
import type { ProfileWatermark, SourceRegistry } from "../sources/mod.ts";
import type { WorkerPool } from "../../workers/mod.ts";
import type { InfoDocuments } from "./info_documents.ts";
import type { ListenerPeers } from "./listener_peers.ts";
import type { ProfileAccess } from "./profile_access.ts";
import type { RequestMetrics } from "./request_metrics.ts";

/** What the handlers need of the source registry (a small fake will do in tests). */
export type AppSources = Pick<SourceRegistry, "identify" | "resolve" | "probe" | "listable">;

/** What the handlers need of the derivative renderer. */
export type AppRenderer = Pick<CachedRenderer, "render" | "stats" | "purge" | "purgeMemory">;

/**
 * What `/status`, `/health/ready` and `/metrics` report of the worker pool, and its early
 * refusal of image requests while its queue is full.
 */
export type AppWorkers = Pick<WorkerPool, "stats" | "throwIfFull">;

/** What the request handlers use; built once at start and passed down, never global. */
export interface AppDeps {
  readonly config: Config;
  readonly sources: AppSources;
  readonly renderer: AppRenderer;
  readonly pool: AppWorkers;
  /**
   * When the server started (`Date.now()`). Responses depend on the configuration loaded then,
   * so none is older than this for `Last-Modified`.
   */
  readonly startedAt: number;
  /** The watermarks of the profiles that set one, by profile name (`loadWatermarks`). */
  readonly watermarks?: ReadonlyMap<string, ProfileWatermark>;
  /** The keys and address ranges of the profiles that are not public (`loadProfileAccess`). */
  readonly profileAccess: ReadonlyMap<string, ProfileAccess>;
  /** The server's other HTTP listeners, when `http_listeners` is above 1. */
  readonly peers?: ListenerPeers;
}

/** What each route receives: the app's deps plus the metrics its handler counts requests in. */
export interface RouteDeps extends AppDeps {
  readonly metrics: RequestMetrics;
  /** Serialised info.json of public images, for this handler's configuration. */
  readonly infoDocuments: InfoDocuments;
}
