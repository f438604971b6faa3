import type { AppDeps } from "./app_deps.ts";
import { escapeHtml } from "./escape_html.ts";
import { encodeIdentifier, requestOrigin, varyOnOrigin } from "./service_id.ts";

/** `GET /`: a plain page linking each image of the listable profiles to its viewer and files. */
export async function landingRoute(request: Request, deps: AppDeps): Promise<Response> {
  const origin = requestOrigin(request, deps.config.base_url);
  const items = (await deps.sources.listable()).map((identifier) => {
    const encoded = encodeIdentifier(identifier);
    const base = `${origin}/iiif/3/${encoded}`;
    return `<li><a href="${escapeHtml(`${origin}/viewer/${encoded}`)}">` +
      `<img src="${escapeHtml(`${base}/full/!200,200/0/default.jpg`)}" alt=""> ` +
      `${escapeHtml(identifier)}</a> · <a href="${
        escapeHtml(`${base}/full/max/0/default.jpg`)
      }">full size</a> · <a href="${escapeHtml(`${base}/info.json`)}">info.json</a></li>`;
  });
  const html = `<!doctype html><meta charset="utf-8"><title>Tessera</title>` +
    `<h1>Tessera IIIF Image API server</h1><ul>${items.join("")}</ul>`;
  const body = new TextEncoder().encode(html);
  const headers = new Headers({
    "content-type": "text/html; charset=utf-8",
    "content-length": String(body.byteLength),
  });
  varyOnOrigin(headers, deps.config.base_url);
  return new Response(body, { headers });
}
