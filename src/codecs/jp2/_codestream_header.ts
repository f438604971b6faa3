import { CorruptSourceError, UnsupportedSourceError } from "../errors.ts";

/** Codestream markers (ISO/IEC 15444-1, table A.2). */
export const MARKER = {
  soc: 0xff4f,
  siz: 0xff51,
  cod: 0xff52,
  coc: 0xff53,
  tlm: 0xff55,
  sot: 0xff90,
  eoc: 0xffd9,
} as const;

/** The largest coordinate `opj_set_decode_area` takes (an `OPJ_INT32`). */
const MAX_COORDINATE = 2 ** 31 - 1;

/** What a codestream's main header says (ISO/IEC 15444-1, annex A). */
export interface CodestreamHeader {
  /** The image area on the reference grid is [x0, x1) × [y0, y1). */
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** The tile grid on the reference grid: its origin and its tile size. */
  readonly tileX0: number;
  readonly tileY0: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
  readonly components: number;
  /** The fewest wavelet decompositions of any component (COD, COC): the deepest reduction. */
  readonly decompositions: number;
  /** Where the first SOT marker starts, in the file. */
  readonly firstTilePart: number;
  /** Every tile-part's tile and length, in file order, when TLM markers list them. */
  readonly tilePartLengths?: readonly TilePartLength[];
}

/** One entry of a TLM marker (A.7.1). */
export interface TilePartLength {
  readonly tile: number;
  /** Psot: the tile-part's length, its SOT marker included. */
  readonly length: number;
}

/** What SIZ says. */
type ImageAndTiles = Omit<
  CodestreamHeader,
  "decompositions" | "firstTilePart" | "tilePartLengths"
>;

/**
 * Reads the main header of the codestream at `start` in `head`, up to its first SOT marker.
 *
 * @returns The header, or `undefined` when `head` ends before the first SOT marker.
 * @throws {CorruptSourceError} When a marker is missing, misplaced or holds impossible values.
 * @throws {UnsupportedSourceError} For subsampled components or a grid beyond 2³¹ − 1.
 */
export function parseCodestreamHeader(
  head: Uint8Array,
  start: number,
): CodestreamHeader | undefined {
  if (head.length < start + 6) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (view.getUint16(start) !== MARKER.soc || view.getUint16(start + 2) !== MARKER.siz) {
    throw new CorruptSourceError(
      `Cannot read JPEG 2000 codestream at offset ${start}: it does not start with SOC and SIZ`,
    );
  }
  const sizEnd = segmentEnd(view, start + 2);
  if (sizEnd > head.length) return undefined;
  const image = parseSiz(segment(view, start + 2, sizEnd));
  let decompositions = Infinity;
  const tlms: DataView[] = [];
  let offset = sizEnd;
  while (offset + 4 <= head.length && view.getUint16(offset) !== MARKER.sot) {
    const marker = view.getUint16(offset);
    const end = segmentEnd(view, offset);
    const read = marker === MARKER.cod || marker === MARKER.coc || marker === MARKER.tlm;
    if (read && end > head.length) return undefined;
    if (marker === MARKER.tlm) tlms.push(segment(view, offset, end));
    else if (read) {
      const decomposed = decompositionsOf(segment(view, offset, end), image.components);
      decompositions = Math.min(decompositions, decomposed);
    }
    offset = end;
  }
  if (offset + 4 > head.length) return undefined;
  if (decompositions === Infinity) {
    throw new CorruptSourceError("Cannot read JPEG 2000 main header: it has no COD marker");
  }
  const header = { ...image, decompositions, firstTilePart: offset };
  return tlms.length === 0 ? header : { ...header, tilePartLengths: readTlms(tlms) };
}

/** Where the marker segment at `offset` ends (A.1.4: its length counts itself, not the marker). */
function segmentEnd(view: DataView, offset: number): number {
  const marker = view.getUint16(offset);
  const length = view.getUint16(offset + 2);
  if (marker < 0xff00 || length < 2) {
    throw new CorruptSourceError(
      `Cannot read JPEG 2000 main header: no marker segment at offset ${offset} ` +
        `("${marker.toString(16)}", length ${length})`,
    );
  }
  return offset + 2 + length;
}

function segment(view: DataView, offset: number, end: number): DataView {
  return new DataView(view.buffer, view.byteOffset + offset, end - offset);
}

/** Reads SIZ (A.5.1). */
function parseSiz(siz: DataView): ImageAndTiles {
  const [x1, y1, x0, y0, tileWidth, tileHeight, tileX0, tileY0] = [6, 10, 14, 18, 22, 26, 30, 34]
    .map((at) => siz.byteLength >= at + 4 ? siz.getUint32(at) : 0);
  const components = siz.byteLength >= 40 ? siz.getUint16(38) : 0;
  if (
    siz.byteLength !== 40 + 3 * components || components === 0 || x1 <= x0 || y1 <= y0 ||
    tileWidth === 0 || tileHeight === 0 || tileX0 > x0 || tileY0 > y0 ||
    tileX0 + tileWidth <= x0 || tileY0 + tileHeight <= y0
  ) {
    throw new CorruptSourceError(
      `Cannot read JPEG 2000 SIZ marker: image ${x0},${y0}–${x1},${y1}, tiles ` +
        `${tileWidth}x${tileHeight} from ${tileX0},${tileY0}, ${components} components in ` +
        `${siz.byteLength} bytes`,
    );
  }
  if (x1 > MAX_COORDINATE || y1 > MAX_COORDINATE) {
    throw new UnsupportedSourceError(
      `Cannot read JPEG 2000 wider or taller than ${MAX_COORDINATE} pixels: "${x1}x${y1}"`,
    );
  }
  for (let component = 0; component < components; component++) {
    const dx = siz.getUint8(41 + 3 * component);
    const dy = siz.getUint8(42 + 3 * component);
    if (dx !== 1 || dy !== 1) {
      throw new UnsupportedSourceError(
        `Cannot read JPEG 2000 with subsampled components yet: component ${component} has ` +
          `one sample every "${dx}x${dy}" pixels`,
      );
    }
  }
  return { x0, y0, x1, y1, tileX0, tileY0, tileWidth, tileHeight, components };
}

/**
 * The decomposition count of COD (A.6.1: after Scod and SGcod's 4 bytes) or COC (A.6.2: after
 * Ccoc, 1 byte below 257 components and 2 from there, and Scoc).
 */
function decompositionsOf(segment: DataView, components: number): number {
  const at = segment.getUint16(0) === MARKER.cod ? 9 : components < 257 ? 6 : 7;
  if (segment.byteLength <= at) {
    throw new CorruptSourceError(
      `Cannot read JPEG 2000 main header: its ${at === 9 ? "COD" : "COC"} marker is too short`,
    );
  }
  return segment.getUint8(at);
}

/**
 * The entries of TLM marker segments (A.7.1), in Ztlm order: Ztlm, Stlm, then per tile-part
 * Ttlm (0, 1 or 2 bytes by Stlm's ST; with 0 the tiles come one tile-part each, in order) and
 * Ptlm (2 or 4 bytes by Stlm's SP).
 */
function readTlms(tlms: DataView[]): TilePartLength[] {
  const lengths: TilePartLength[] = [];
  if (tlms.some((tlm) => tlm.byteLength < 6)) throw tlmError("no Stlm");
  for (const tlm of tlms.sort((a, b) => a.getUint8(4) - b.getUint8(4))) {
    const indexBytes = (tlm.getUint8(5) >> 4) & 3;
    const lengthBytes = tlm.getUint8(5) & 0x40 ? 4 : 2;
    const entry = indexBytes + lengthBytes;
    if (indexBytes === 3 || (tlm.byteLength - 6) % entry !== 0) {
      throw tlmError(`${tlm.byteLength - 6} bytes of ${entry}-byte entries`);
    }
    for (let at = 6; at < tlm.byteLength; at += entry) {
      const tile = indexBytes === 0
        ? lengths.length
        : indexBytes === 1
        ? tlm.getUint8(at)
        : tlm.getUint16(at);
      const length = lengthBytes === 4
        ? tlm.getUint32(at + indexBytes)
        : tlm.getUint16(at + indexBytes);
      lengths.push({ tile, length });
    }
  }
  return lengths;
}

function tlmError(what: string): CorruptSourceError {
  return new CorruptSourceError(`Cannot read JPEG 2000 TLM marker: ${what}`);
}
