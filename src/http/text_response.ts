/**
 * Longest message sent: an error that quotes a hostile URL (up to the 8 KiB URL limit) must not
 * echo all of it back. The log line keeps the whole message.
 */
const MAX_MESSAGE_CHARACTERS = 300;

/** C0 and C1 control characters, which an error body must never echo raw. */
// deno-lint-ignore no-control-regex
const CONTROL_CHARACTER_REGEXP = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A short plain-text response (one line plus a newline) with its `Content-Length`. Control
 * characters in `text` (for instance from a decoded identifier) are written as `\uXXXX`, and a
 * message longer than 300 characters is cut with `…`.
 *
 * @param text The message, usually an error's.
 * @param init The status and any extra headers.
 */
export function textResponse(
  text: string,
  init: { status: number; headers?: HeadersInit },
): Response {
  const escaped = text.replace(
    CONTROL_CHARACTER_REGEXP,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const short = escaped.length > MAX_MESSAGE_CHARACTERS
    ? `${escaped.slice(0, MAX_MESSAGE_CHARACTERS)}…`
    : escaped;
  const body = new TextEncoder().encode(`${short}\n`);
  const headers = new Headers(init.headers);
  headers.set("content-type", "text/plain; charset=utf-8");
  headers.set("content-length", String(body.byteLength));
  return new Response(body, { status: init.status, headers });
}
