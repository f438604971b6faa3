/** Per-request facts for the log line that only a handler knows. */
export interface ResponseNotes {
  readonly cache?: string;
  readonly backend?: string;
  readonly fallback?: string;
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
