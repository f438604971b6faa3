/** One structured log line per request. */
export interface RequestLogEntry {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly bytes: number;
  readonly ms: number;
  readonly cache?: string;
  readonly backend?: string;
  /** Why a GPU job ran on the CPU. */
  readonly fallback?: string;
  /** For 5xx answers: what went wrong, with its cause chain. */
  readonly error?: string;
}

/** Receives each request's log entry. */
export type RequestLogger = (entry: RequestLogEntry) => void;

/** The default logger: one JSON object per line on stdout. */
export function jsonLineLogger(entry: RequestLogEntry): void {
  console.log(JSON.stringify(entry));
}
