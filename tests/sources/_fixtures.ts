import { encodeImage } from "../../src/codecs/mod.ts";
import type { OutputFormat } from "../../src/iiif/image_request.ts";

/** A flat grey image of the given size, encoded as `format`. */
export function encodeFixture(
  width: number,
  height: number,
  format: OutputFormat = "png",
): Promise<Uint8Array> {
  const raster = { width, height, data: new Uint8Array(width * height * 4).fill(128) };
  return encodeImage(raster, { format, quality: "default", jpegQuality: 80, subsampling: "420" });
}

/** Runs `body` with a fresh temporary folder, removed afterwards. */
export async function withTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tessera-sources-" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
