import { escapeHtml } from "./escape_html.ts";

/**
 * A small HTML page of the login flow, never cached, never sending its URL (which may hold a
 * token) as a referrer, and running no script unless one is passed with its nonce.
 *
 * @param content The title, the body's HTML, and optionally a script with a fresh nonce.
 * @param init The status and extra headers (`Set-Cookie`).
 */
export function authPage(
  content: { readonly title: string; readonly body: string; readonly script?: string },
  init: { readonly status?: number; readonly headers?: HeadersInit } = {},
): Response {
  const nonce = crypto.randomUUID();
  const script = content.script === undefined
    ? ""
    : `<script nonce="${nonce}">${content.script}</script>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<title>${
      escapeHtml(content.title)
    }</title></head><body>${content.body}${script}</body></html>`;
  const body = new TextEncoder().encode(html);
  const headers = new Headers(init.headers);
  headers.set("content-type", "text/html; charset=utf-8");
  headers.set("content-length", String(body.byteLength));
  headers.set("cache-control", "no-store");
  headers.set("referrer-policy", "no-referrer");
  headers.set(
    "content-security-policy",
    `default-src 'none'; script-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'`,
  );
  return new Response(body, { status: init.status ?? 200, headers });
}

/**
 * JSON to embed in a script element: `<`, U+2028 and U+2029 escaped, so no value (such as a
 * client's `messageId`) can close the element or break the script.
 *
 * @param value What to serialise.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
