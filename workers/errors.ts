/** The queue of waiting jobs is full (HTTP 503 with `Retry-After`). */
export class QueueFullError extends Error {
  /** Seconds a client should wait before retrying. */
  readonly retryAfterSeconds: number;

  /**
   * @param queueLimit The configured `queue_limit`.
   * @param retryAfterSeconds The `Retry-After` value to send.
   */
  constructor(queueLimit: number, retryAfterSeconds: number) {
    super(`Server busy: ${queueLimit} image jobs are already waiting`);
    this.name = "QueueFullError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The worker running a job died or was recycled before answering (HTTP 500). */
export class WorkerCrashedError extends Error {
  /**
   * @param reason What happened to the worker.
   * @param options `cause` when there is one.
   */
  constructor(reason: string, options?: ErrorOptions) {
    super(`Image worker failed: ${reason}`, options);
    this.name = "WorkerCrashedError";
  }
}

/** The pool is shutting down and takes no more jobs (HTTP 503). */
export class PoolClosedError extends Error {
  constructor() {
    super("Server is shutting down");
    this.name = "PoolClosedError";
  }
}

/**
 * A job ran longer than `job_timeout_ms` and was abandoned; its worker was terminated and is
 * being replaced (HTTP 503 with `Retry-After`).
 */
export class JobTimeoutError extends Error {
  /** Seconds a client should wait before retrying. */
  readonly retryAfterSeconds: number;

  /** @param timeoutMs The configured `job_timeout_ms`. */
  constructor(timeoutMs: number) {
    super(
      `Image job abandoned: it ran longer than ${timeoutMs} ms (job_timeout_ms); ` +
        "the server may be overloaded or the image too large to render in time",
    );
    this.name = "JobTimeoutError";
    // A job this slow is likely to be slow again: asking sooner than one timeout later would
    // only pile up more abandoned work.
    this.retryAfterSeconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  }
}
