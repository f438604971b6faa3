import assert from "node:assert/strict";
import { decodeImage, encodeImage, probeImage } from "../../src/codecs/mod.ts";
import { type Config, parseConfig } from "../../src/config/mod.ts";
import { type RequestLogEntry, type RunningServer, startServer } from "../../src/http/mod.ts";
import type { Raster } from "../../src/ops/mod.ts";

/** The four quadrant colours of the test image, clockwise from top left. */
export const QUADRANTS = {
  topLeft: [220, 30, 30],
  topRight: [30, 200, 60],
  bottomRight: [240, 220, 40],
  bottomLeft: [40, 60, 220],
} as const;

/** A `width`×`height` RGBA raster with the four coloured quadrants. */
export function quadrantRaster(width: number, height: number): Raster {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const right = x >= width / 2;
      const bottom = y >= height / 2;
      const colour = bottom
        ? (right ? QUADRANTS.bottomRight : QUADRANTS.bottomLeft)
        : (right ? QUADRANTS.topRight : QUADRANTS.topLeft);
      data.set([...colour, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** Encodes a raster as a high-quality source file of the given format. */
export function encodeSource(raster: Raster, format: "jpg" | "png"): Promise<Uint8Array> {
  return encodeImage(raster, { format, quality: "default", jpegQuality: 95, subsampling: "444" });
}

/** Decodes a response body (any format the codecs read) to RGBA. */
export async function decodeBody(body: Uint8Array): Promise<Raster> {
  const probed = probeImage(body);
  if (!probed) throw new Error("Response body is not a complete image");
  return await decodeImage(body, probed.format, 1, (n) => new Uint8Array(n));
}

/** The RGBA pixel at (x, y). */
export function pixelAt(raster: Raster, x: number, y: number): number[] {
  const i = (y * raster.width + x) * 4;
  return Array.from(raster.data.subarray(i, i + 4));
}

/** True when two RGB(A) colours differ by at most `tolerance` per channel. */
export function near(actual: readonly number[], expected: readonly number[], tolerance = 12) {
  return expected.every((value, i) => Math.abs(actual[i] - value) <= tolerance);
}

/** A running test server with its temporary folders and collected log lines. */
export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  readonly logs: RequestLogEntry[];
  readonly sourceDir: string;
  readonly root: string;
}

/**
 * Starts the real server on a free loopback port with a temporary config whose `test` profile
 * holds `files`, runs `body`, then stops the server and removes the folders.
 */
export async function withServer(
  options: { files: Record<string, Uint8Array>; config?: Record<string, unknown> },
  body: (t: TestServer) => Promise<void>,
): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "tessera-e2e-" });
  const sourceDir = `${root}/sources/test`;
  await Deno.mkdir(sourceDir, { recursive: true });
  for (const [name, bytes] of Object.entries(options.files)) {
    await Deno.writeFile(`${sourceDir}/${name}`, bytes);
  }
  const config: Config = parseConfig({
    host: "127.0.0.1",
    port: 0,
    source_path: "sources",
    cache_path: "cache",
    image_pool_size: 2,
    default_profile: "test",
    profiles: { test: { type: "disk" } },
    ...options.config,
  }, { file: "(test config)", baseDir: root });
  const logs: RequestLogEntry[] = [];
  const server = await startServer(config, { log: (entry) => logs.push(entry) });
  try {
    await body({ server, url: server.url, logs, sourceDir, root });
  } finally {
    await server.close();
    await Deno.remove(root, { recursive: true });
  }
}

/** GETs `path` from the test server and reads the whole body. */
export async function get(
  t: TestServer,
  path: string,
  init: RequestInit = {},
): Promise<{ response: Response; body: Uint8Array }> {
  const response = await fetch(`${t.url}${path}`, init);
  return { response, body: new Uint8Array(await response.arrayBuffer()) };
}

/** GETs IIIF 3.0 `path` (after `/iiif/3/`), which must succeed, and decodes the picture. */
export async function image(t: TestServer, path: string) {
  const { response, body } = await get(t, `/iiif/3/${path}`);
  assert.equal(response.status, 200, `${path}: ${new TextDecoder().decode(body)}`);
  const timing = response.headers.get("server-timing") ?? "";
  return { raster: await decodeBody(body), headers: response.headers, timing };
}

/** Where Server-Timing says the derivative came from (`hit`, `miss`, ...), if it says. */
export function cacheTiming(response: Response): string | undefined {
  return response.headers.get("server-timing")?.match(/cache;desc="(\w+)"/)?.[1];
}
