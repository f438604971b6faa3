import { escapeHtml } from "./escape_html.ts";

/** What the viewer page shows: one image, by its info.json, with the viewer's files. */
export interface ViewerPageOptions {
  /** The image's identifier, shown as the title. */
  readonly identifier: string;
  /** The IIIF 3.0 `info.json` URL, OpenSeadragon's tile source. */
  readonly infoUrl: string;
  /** The landing page's URL, linked as "all images". */
  readonly landingUrl: string;
  /** OpenSeadragon's script. */
  readonly openSeadragonUrl: string;
  /** The script that starts OpenSeadragon on the page. */
  readonly startUrl: string;
  /** The page's stylesheet. */
  readonly stylesheetUrl: string;
  /** The folder of OpenSeadragon's button images, ending in `/`. */
  readonly buttonImagesUrl: string;
}

/**
 * The viewer page's HTML. It holds no inline script or style (both are files of their own),
 * so a Content-Security-Policy of `default-src 'self'` covers it; every value is
 * HTML-escaped.
 *
 * @example The identifier is escaped
 * ```ts
 * import assert from "node:assert/strict";
 * const html = viewerPage({
 *   identifier: "<b>.jpg",
 *   infoUrl: "/iiif/3/%3Cb%3E.jpg/info.json",
 *   landingUrl: "/",
 *   openSeadragonUrl: "/osd.js",
 *   startUrl: "/start.js",
 *   stylesheetUrl: "/viewer.css",
 *   buttonImagesUrl: "/images/",
 * });
 * assert.match(html, /<title>&lt;b&gt;\.jpg · Tessera<\/title>/);
 * ```
 */
export function viewerPage(options: ViewerPageOptions): string {
  const e = (key: keyof ViewerPageOptions) => escapeHtml(options[key]);
  return `<!doctype html><html lang="en"><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${e("identifier")} · Tessera</title>` +
    `<link rel="stylesheet" href="${e("stylesheetUrl")}">` +
    `<p><a href="${e("landingUrl")}">All images</a> · ${e("identifier")} · ` +
    `<a href="${e("infoUrl")}">info.json</a></p>` +
    `<div id="viewer" data-info-url="${e("infoUrl")}" ` +
    `data-prefix-url="${e("buttonImagesUrl")}"></div>` +
    `<script src="${e("openSeadragonUrl")}"></script>` +
    `<script src="${e("startUrl")}"></script></html>`;
}
