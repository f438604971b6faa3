import { CorruptSourceError } from "../errors.ts";
import type { JpegColour } from "./_jpeg_colour.ts";

const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];
/** Adobe APP14 segment without its last byte, the colour transform (TN 5116, section 18). */
const ADOBE_SEGMENT = [0xff, 0xee, 0, 14, ...new TextEncoder().encode("Adobe"), 0, 100, 0, 0, 0, 0];

/**
 * Turns one JPEG-compressed tile or strip of a TIFF (TIFF Technical Note 2) into a standalone
 * JPEG: SOI, an Adobe marker, the tables shared through the JPEGTables tag (quantisation and
 * Huffman), then the tile's own frame and scan.
 *
 * The Adobe marker states the colour space, which the stream itself does not: libtiff writes
 * PhotometricInterpretation RGB tiles untransformed (component ids 'R', 'G', 'B') and YCbCr tiles
 * transformed, and decoders guess from component ids or a JFIF marker only. Transform 0 (RGB) or
 * 1 (YCbCr) makes libjpeg-turbo, browsers and other decoders agree; gray tiles need none. CMYK
 * tiles get none either: four components without one are CMYK to libjpeg, and a tile's own
 * Adobe segment must stay the only one, as its transform may say YCCK.
 *
 * @param tables The JPEGTables value (an abbreviated stream, SOI … EOI), if the level has one.
 * @param colour From PhotometricInterpretation: MinIsBlack (one component), RGB, YCbCr or
 *   Separated (CMYK).
 * @throws {CorruptSourceError} When the tile or the tables are not JPEG streams.
 */
export function standaloneJpeg(
  tile: Uint8Array,
  tables: Uint8Array | undefined,
  colour: JpegColour,
): Uint8Array {
  const head = standaloneJpegHead(tables, colour);
  const jpeg = new Uint8Array(head.length + tile.length - 2);
  jpeg.set(tile, head.length - 2);
  return headInPlace(jpeg, head);
}

/**
 * What {@linkcode standaloneJpeg} puts before a tile's own frame: SOI, the Adobe marker, the
 * tables' segments. The same for every tile of a level.
 *
 * @throws {CorruptSourceError} When the tables are not a JPEG stream.
 */
export function standaloneJpegHead(tables: Uint8Array | undefined, colour: JpegColour): Uint8Array {
  if (tables !== undefined && !startsWithSoi(tables)) throw lacksSoi();
  const tableSegments = tables === undefined ? new Uint8Array() : withoutEoi(tables).subarray(2);
  const adobe = colour === "rgb" || colour === "ycbcr"
    ? [...ADOBE_SEGMENT, colour === "rgb" ? 0 : 1]
    : [];
  const head = new Uint8Array(2 + adobe.length + tableSegments.length);
  head.set(SOI);
  head.set(adobe, 2);
  head.set(tableSegments, 2 + adobe.length);
  return head;
}

/**
 * The standalone JPEG of the tile at the end of `jpeg` (from byte `head.length - 2` on, SOI
 * first), made in place by writing `head` over everything before the tile's frame: a tile read
 * straight into its JPEG is copied no more.
 *
 * @throws {CorruptSourceError} When the tile is not a JPEG stream.
 */
export function headInPlace(jpeg: Uint8Array, head: Uint8Array): Uint8Array {
  if (!startsWithSoi(jpeg.subarray(head.length - 2))) throw lacksSoi();
  jpeg.set(head);
  return jpeg;
}

function lacksSoi(): CorruptSourceError {
  return new CorruptSourceError("Cannot read TIFF: a JPEG tile or its JPEGTables lacks SOI");
}

function startsWithSoi(bytes: Uint8Array): boolean {
  return bytes[0] === SOI[0] && bytes[1] === SOI[1];
}

function withoutEoi(tables: Uint8Array): Uint8Array {
  const end = tables.length;
  const endsWithEoi = tables[end - 2] === EOI[0] && tables[end - 1] === EOI[1];
  return endsWithEoi ? tables.subarray(0, end - 2) : tables;
}
