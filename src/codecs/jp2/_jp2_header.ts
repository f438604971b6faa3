import { channelsOf } from "./_components_to_rgba.ts";
import { type CodestreamHeader, MARKER, parseCodestreamHeader } from "./_codestream_header.ts";
import { type Jp2Boxes, parseJp2Boxes } from "./_jp2_boxes.ts";

/** Everything Tessera reads from the start of a JPEG 2000 file before decoding. */
export interface Jp2Header extends CodestreamHeader {
  /** A JP2 file, or a raw codestream (J2K, J2C). */
  readonly format: "jp2" | "j2k";
  /** Where the codestream ends in the file; `undefined` when it runs to the end. */
  readonly codestreamEnd?: number;
  /** Components after the palette, if any: 1 gray, 2 gray and alpha, 3 RGB, 4 RGBA. */
  readonly channels: number;
  /** The JP2 file's ICC profile (gray or RGB), which decoded pixels are converted from. */
  readonly iccProfile?: Uint8Array;
}

/**
 * Reads a JP2 file's boxes, or a raw codestream, and the codestream's main header, from the
 * first bytes of the file.
 *
 * @returns The header, or `undefined` when `head` ends before the first tile-part.
 * @throws {CorruptSourceError} When a box or marker is broken.
 * @throws {UnsupportedSourceError} For what OpenJPEG decodes but Tessera cannot turn into RGBA:
 * subsampled components, more than four channels, CMYK, CIELab or YCC colour (enumerated, or as
 * an ICC profile).
 */
export function parseJp2Header(head: Uint8Array): Jp2Header | undefined {
  if (head.length < 2) return undefined;
  const isCodestream = (head[0] << 8 | head[1]) === MARKER.soc;
  const boxes: Jp2Boxes | undefined = isCodestream ? { codestreamStart: 0 } : parseJp2Boxes(head);
  if (boxes === undefined) return undefined;
  const codestream = parseCodestreamHeader(head, boxes.codestreamStart);
  if (codestream === undefined) return undefined;
  const channels = boxes.paletteChannels ?? codestream.components;
  // Called for its check: five or more channels are refused before any decode.
  channelsOf(channels);
  return {
    ...codestream,
    format: isCodestream ? "j2k" : "jp2",
    codestreamEnd: boxes.codestreamEnd,
    channels,
    iccProfile: boxes.iccProfile,
  };
}
