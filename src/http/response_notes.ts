import type { JobTimings } from "../../workers/mod.ts";

/** Per-request facts for the log line and the metrics that only a handler knows. */
export interface ResponseNotes {
  readonly cache?: string;
  readonly backend?: string;
  readonly fallback?: string;
  /** The worker job's stage times, when one ran (or was shared) for this response. */
  readonly timings?: JobTimings;
  /** Why a 5xx response that was returned rather than thrown failed, for the log. */
  readonly error?: string;
}

const NOTES = new WeakMap<Response, ResponseNotes>();

/** Attaches log facts to a response. */
export function noteResponse(response: Response, notes: ResponseNotes): Response {
  NOTES.set(response, notes);
  return response;
}

/** The facts a handler attached to `response`, if any. */
export function notesOf(response: Response): ResponseNotes {
  return NOTES.get(response) ?? {};
}
