/**
 * The image worker pool and its typed message protocol.
 *
 * @module
 */
export { JobTimeoutError, PoolClosedError, QueueFullError, WorkerCrashedError } from "./errors.ts";
export type { BackendReport, JobSource, JobTimings, WorkerSettings } from "./protocol.ts";
export type { FromListener, ToListener } from "./listener_protocol.ts";
export { WorkerPool, type WorkerPoolOptions, type WorkerPoolStats } from "./worker_pool.ts";
export type { JobResult, ReadyInfo } from "./worker_slot.ts";
export { syntheticPicture } from "./warm_up.ts";
