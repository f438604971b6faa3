/** One download of a remote source, as every step of it needs to know. */
export interface FetchJob {
  /** `<profile>:<name>`, for messages. */
  readonly identifier: string;
  /** Aborted once the download's `timeout_ms` has passed. */
  readonly signal: AbortSignal;
}

/**
 * The message of every failed download, naming the image and the host (not the whole URL: a
 * `web` profile's URL template may carry a key the client must not see).
 *
 * @param job The download.
 * @param url The URL that failed.
 * @param reason What went wrong, e.g. `the server answered HTTP 500`.
 */
export function cannotFetch(job: FetchJob, url: URL, reason: string): string {
  return `Cannot fetch "${job.identifier}" from ${url.host}: ${reason}`;
}
