import type { LogLevel } from "../config/mod.ts";
import { describeError } from "../sources/mod.ts";
import { BatchedLineWriter, type WriteBytes, writeToStdout } from "./batched_line_writer.ts";
import type { ResponseNotes } from "./response_notes.ts";

/** One structured log line per request. */
export interface RequestLogEntry {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Body bytes sent: the `Content-Length`, or 0 for HEAD and bodiless answers. */
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

/**
 * A logger writing one JSON object per line, in batches, to `write`.
 *
 * @param write Receives each batch of whole lines.
 */
export function jsonLinesTo(write: WriteBytes): RequestLogger {
  const lines = new BatchedLineWriter(write);
  return (entry) => lines.write(JSON.stringify(entry));
}

/** The default logger: one JSON object per line on stdout, written in batches. */
export const jsonLineLogger: RequestLogger = jsonLinesTo(writeToStdout);

/** Body bytes an answer sends: its `Content-Length`, or 0 for HEAD and bodiless answers. */
export function sentBytes(request: Request, response: Response): number {
  return request.method === "HEAD" ? 0 : Number(response.headers.get("content-length") ?? 0);
}

/** The lowest status each log level writes a line for: 5xx answers are always logged. */
const LOWEST_LOGGED_STATUS: Readonly<Record<LogLevel, number>> = { info: 0, warn: 400, error: 500 };

/** Whether an answer with `status` is logged at `level`. */
export function shouldLog(status: number, level: LogLevel): boolean {
  return status >= LOWEST_LOGGED_STATUS[level];
}

/** What the handler learnt while answering, beyond the request and the response. */
export interface RequestFacts {
  /** Milliseconds from receiving the request to the response being ready. */
  readonly ms: number;
  readonly notes: ResponseNotes;
  /** What was thrown, when the response is an error answer. */
  readonly error?: unknown;
}

/**
 * The log entry of one answered request. A 5xx entry always says why: the thrown error's cause
 * chain, or the reason the route noted when it returned the 5xx itself.
 */
export function requestLogEntry(
  request: Request,
  response: Response,
  facts: RequestFacts,
): RequestLogEntry {
  const { cache, backend, fallback } = facts.notes;
  const bytes = sentBytes(request, response);
  return {
    time: new Date().toISOString(),
    method: request.method,
    path: URL.parse(request.url)?.pathname ?? request.url,
    status: response.status,
    bytes,
    ms: Math.round(facts.ms * 10) / 10,
    ...(cache === undefined ? {} : { cache }),
    ...(backend === undefined ? {} : { backend }),
    ...(fallback === undefined ? {} : { fallback }),
    ...(response.status >= 500 ? { error: causeOf(response.status, facts) } : {}),
  };
}

function causeOf(status: number, facts: RequestFacts): string {
  if (facts.error !== undefined) return describeError(facts.error);
  return facts.notes.error ?? `Status ${status} answered without a recorded cause`;
}
