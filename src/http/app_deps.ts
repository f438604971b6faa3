import type { CachedRenderer } from "../cache/mod.ts";
import type { Config } from "../config/mod.ts";
import type { SourceRegistry } from "../sources/mod.ts";
import type { WorkerPool } from "../../workers/mod.ts";
import type { RequestMetrics } from "./request_metrics.ts";

/** What the handlers need of the source registry (a small fake will do in tests). */
export type AppSources = Pick<SourceRegistry, "resolve" | "probe" | "listable">;

/** What the handlers need of the derivative renderer. */
export type AppRenderer = Pick<CachedRenderer, "render" | "stats">;

/** What `/status`, `/health/ready` and `/metrics` report of the worker pool. */
export type AppWorkers = Pick<WorkerPool, "stats">;

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
}

/** What each route receives: the app's deps plus the metrics its handler counts requests in. */
export interface RouteDeps extends AppDeps {
  readonly metrics: RequestMetrics;
}
