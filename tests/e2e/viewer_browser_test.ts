/**
 * The viewer in a real browser: headless Chromium (Debian's `chromium`, driven by
 * `playwright-core`) opens `/viewer/{identifier}` of a running server, OpenSeadragon loads the
 * IIIF tiles through it, and the screenshot shows the image's four colours.
 *
 * @module
 */
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import {
  decodeBody,
  encodeSource,
  near,
  pixelAt,
  quadrantRaster,
  QUADRANTS,
  withServer,
} from "./server_fixture.ts";
import type { Raster } from "../../src/ops/mod.ts";

const CHROMIUM = "/usr/bin/chromium";
const TIMEOUT_MS = 30_000;
/** Larger than the default 512-pixel tiles on both axes, so the viewer must fetch several. */
const IMAGE = { width: 2000, height: 1500 };
const MIN_TILES = 4;
const TILE_PATH_REGEXP = /\/iiif\/3\/quadrants\.jpg\/[^/]+\/[^/]+\/0\/default\.jpg$/;

Deno.test({
  name: "viewerRoute() shows the image in OpenSeadragon in headless Chromium",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const source = await encodeSource(quadrantRaster(IMAGE.width, IMAGE.height), "jpg");
    await withServer({ files: { "quadrants.jpg": source } }, async ({ url }) => {
      const screenshot = await viewInBrowser(`${url}/viewer/quadrants.jpg`);
      const raster = await decodeBody(screenshot);
      for (const [corner, colour] of Object.entries(QUADRANTS)) {
        assert.ok(showsColour(raster, colour), `the screenshot lacks the ${corner} colour`);
      }
    });
  },
});

/**
 * Opens `pageUrl` in Chromium, waits until OpenSeadragon has drawn at least `MIN_TILES` tiles
 * that the server answered with 200, and returns a PNG screenshot. Fails on any failed request
 * or Content-Security-Policy violation.
 */
async function viewInBrowser(pageUrl: string): Promise<Uint8Array> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless=new"],
  });
  try {
    const deadline = Date.now() + TIMEOUT_MS;
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    page.setDefaultTimeout(TIMEOUT_MS);
    const problems: string[] = [];
    let tilesLoaded = 0;
    page.on("console", (message) => {
      // Chromium asks for /favicon.ico on its own, and Tessera has none.
      if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on("pageerror", (error) => problems.push(`page: ${error.message}`));
    page.on("response", (response) => {
      if (response.status() !== 200) problems.push(`${response.status()} ${response.url()}`);
      else if (TILE_PATH_REGEXP.test(new URL(response.url()).pathname)) tilesLoaded++;
    });
    const opened = await page.goto(pageUrl);
    assert.equal(opened?.status(), 200);
    await waitUntil(() => tilesLoaded >= MIN_TILES || problems.length > 0, deadline);
    // OpenSeadragon blends tiles in over half a second; let it finish drawing.
    await page.waitForTimeout(1000);
    assert.deepEqual(problems, []);
    return await page.locator("#viewer").screenshot();
  } finally {
    await browser.close();
  }
}

async function waitUntil(done: () => boolean, deadline: number): Promise<void> {
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Fewer than ${MIN_TILES} tiles in ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** True when some pixel of a coarse grid over `raster` has `colour`. */
function showsColour(raster: Raster, colour: readonly number[]): boolean {
  for (let y = 0; y < raster.height; y += 10) {
    for (let x = 0; x < raster.width; x += 10) {
      if (near(pixelAt(raster, x, y), colour)) return true;
    }
  }
  return false;
}
