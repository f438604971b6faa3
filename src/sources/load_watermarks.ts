import { type Config, ConfigError } from "../config/mod.ts";
import { decodeImage, isRegionFormat, sniffFormat } from "../codecs/mod.ts";
import type { WatermarkRule } from "../iiif/mod.ts";
import type { Raster } from "../ops/mod.ts";
import { sha256Hex } from "./sha256_hex.ts";

/** A profile's watermark, read and decoded once at start. */
export interface ProfileWatermark {
  /** What the planner applies; `rule.image` is a digest of the file, naming `raster`. */
  readonly rule: WatermarkRule;
  readonly raster: Raster;
}

/** Hex digits of the file's SHA-256 kept in the mark's name: plenty to tell files apart. */
const DIGEST_HEX_DIGITS = 16;

/**
 * Reads and decodes the watermark of every profile that sets one, so a missing or unreadable
 * mark stops the server (and `check-config`) at start rather than failing every request. Each
 * mark is named by a digest of its file, which goes into plans and derivative cache keys: a
 * replaced file (read at the next start) changes every key, and no cached image keeps an old mark.
 *
 * @returns The watermarks by profile name.
 * @throws {ConfigError} A mark file is missing, unreadable, not an image, or a TIFF or JPEG 2000.
 */
export async function loadWatermarks(
  config: Config,
): Promise<ReadonlyMap<string, ProfileWatermark>> {
  const loaded = new Map<string, ProfileWatermark>();
  for (const [name, profile] of Object.entries(config.profiles)) {
    const settings = profile.watermark;
    if (settings === null) continue;
    const key = `profiles.${name}.watermark.image`;
    const { image, raster } = await readMark(key, settings.image);
    const rule = {
      image,
      opacity: Math.round(settings.opacity * 255),
      minWidth: settings.min_width,
      minHeight: settings.min_height,
    };
    loaded.set(name, { rule, raster });
  }
  return loaded;
}

async function readMark(key: string, path: string): Promise<{ image: string; raster: Raster }> {
  const problem = (reason: string, cause?: unknown) =>
    new ConfigError(key, [`cannot use "${path}": ${reason}`], { cause });
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    throw problem((error as Error).message, error);
  }
  try {
    const format = sniffFormat(bytes);
    if (format === undefined || isRegionFormat(format)) {
      throw problem("expected a PNG, JPEG, GIF or WebP image");
    }
    const raster = await decodeImage(bytes, format, 1, (n) => new Uint8Array(n));
    return { image: sha256Hex(bytes).slice(0, DIGEST_HEX_DIGITS), raster };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw problem((error as Error).message, error);
  }
}
