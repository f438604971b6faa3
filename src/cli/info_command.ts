import { colourManagementInfo, fileByteSource, type ProbedImage } from "../codecs/mod.ts";
import {
  type ColourContext,
  describeSourceMetadata,
  sourceMetadataFields,
} from "./_describe_source_metadata.ts";
import { readSourceInfo, type SourceInfo } from "./_read_source_info.ts";

/**
 * `tessera info <file>`: what Tessera reads from a file's header (format, size as shown, alpha,
 * for a pyramid its levels and tile size, the orientation tag and the embedded ICC profile, with
 * what Tessera does with them), as text or as JSON. Needs no configuration.
 *
 * @example Describe a pyramid TIFF
 * ```ts ignore
 * await infoCommand("/srv/images/map.tif", { json: false });
 * // map.tif: tiff, 8000 × 6000, no alpha
 * //   levels: 8000×6000, 4000×3000, 2000×1500 (tiles 256×256)
 * //   orientation: 1 (as stored)
 * //   colour: ICC profile "Adobe RGB (1998)", RGB, 560 bytes (converted to sRGB)
 * ```
 *
 * @param file The image file.
 * @param options `json`: print the probe, with `orientation` and `icc` fields, as JSON instead
 * of text.
 * @throws {UnsupportedSourceError} The file is no format Tessera reads.
 * @throws {CorruptSourceError} Its header is broken.
 * @throws {Deno.errors.NotFound} The file does not exist.
 */
export async function infoCommand(file: string, options: { json: boolean }): Promise<void> {
  const { probed, metadata } = await readImageFile(file);
  const context: ColourContext = {
    format: probed.format,
    colourManaged: colourManagementInfo().available,
  };
  const fields = sourceMetadataFields(metadata, context);
  console.log(
    options.json
      ? JSON.stringify({ ...probed, ...fields }, null, 2)
      : `${describeProbedImage(file, probed)}\n${describeSourceMetadata(metadata, context)}`,
  );
}

async function readImageFile(file: string): Promise<SourceInfo> {
  using opened = await Deno.open(file);
  const { size } = await opened.stat();
  return await readSourceInfo(fileByteSource(opened, size));
}

/**
 * The text `tessera info` prints for a probed image.
 *
 * @example Usage
 * ```ts
 * import { describeProbedImage } from "./info_command.ts";
 * import assert from "node:assert/strict";
 *
 * const text = describeProbedImage("a.png", {
 *   format: "png",
 *   width: 30,
 *   height: 20,
 *   hasAlpha: true,
 *   scales: [1],
 * });
 * assert.equal(text, "a.png: png, 30 × 20 (as shown, after EXIF orientation), alpha");
 * ```
 *
 * @param file The name to print.
 * @param probed What the header probe found.
 * @returns One line, plus a levels line for a pyramid.
 */
export function describeProbedImage(file: string, probed: ProbedImage): string {
  const { format, width, height, hasAlpha, levels, tile } = probed;
  const lines = [
    `${file}: ${format}, ${width} × ${height} (as shown, after EXIF orientation), ` +
    (hasAlpha ? "alpha" : "no alpha"),
  ];
  if (levels && levels.length > 0) {
    const sizes = levels.map((level) => `${level.width}×${level.height}`).join(", ");
    const tiles = tile ? `tiles ${tile.width}×${tile.height}` : "strips, untiled";
    lines.push(`  levels: ${sizes} (${tiles})`);
  }
  return lines.join("\n");
}
