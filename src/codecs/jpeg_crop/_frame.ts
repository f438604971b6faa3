import {
  isJpegFrameHeader,
  isStandaloneJpegMarker,
  JPEG_MARKER,
  nextJpegMarker,
} from "../_jpeg_markers.ts";
import { type HuffmanTable, huffmanTable } from "./_huffman.ts";

/** One component of a baseline scan: its blocks per MCU and the Huffman tables it uses. */
export interface ScanComponent {
  readonly blocksAcross: number;
  readonly blocksDown: number;
  readonly dc: HuffmanTable;
  readonly ac: HuffmanTable;
}

/** What a lossless crop needs from a JPEG's segments, when it can be done without libjpeg. */
export interface BaselineFrame {
  readonly width: number;
  readonly height: number;
  /** Where the frame header's height field is (the width follows it). */
  readonly sizeOffset: number;
  /** Pixels an MCU spans. */
  readonly mcuWidth: number;
  readonly mcuHeight: number;
  /** In the order their blocks come in each MCU. */
  readonly components: readonly ScanComponent[];
  /** Where the entropy-coded data of the only scan starts. */
  readonly dataOffset: number;
}

const SOF0 = 0xc0;
const SOF1 = 0xc1;
const DHT = 0xc4;
const DRI = 0xdd;

/**
 * Reads the segments before the first scan of `jpeg`. `undefined` for what the entropy-coded
 * crop does not handle (libjpeg then does the crop, or says what is wrong): no SOI, progressive
 * or arithmetic coding, precision other than 8 bits, restart intervals, a scan that does not
 * hold every component.
 */
export function readBaselineFrame(jpeg: Uint8Array): BaselineFrame | undefined {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return undefined;
  const view = new DataView(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  const tables = new Map<number, HuffmanTable>();
  let frame: FrameHeader | undefined;
  let at = 2;
  for (let marker = nextJpegMarker(jpeg, at); marker; marker = nextJpegMarker(jpeg, at)) {
    const { code, offset } = marker;
    if (code === JPEG_MARKER.EOI || offset + 2 > jpeg.length) return undefined;
    at = offset;
    if (isStandaloneJpegMarker(code)) continue;
    const end = offset + view.getUint16(offset);
    if (end < offset + 2 || end > jpeg.length) return undefined;
    if (code === JPEG_MARKER.SOS) return scanOf(view, offset, frame, tables);
    if (code === SOF0 || code === SOF1) frame = readFrameHeader(view, offset);
    // SOF2 … SOF15: progressive, lossless, hierarchical or arithmetic coding.
    else if (isJpegFrameHeader(code)) return undefined;
    else if (code === DHT && !readHuffmanTables(jpeg, offset + 2, end, tables)) return undefined;
    else if (code === DRI && view.getUint16(offset + 2) !== 0) return undefined;
    at = end;
  }
  return undefined;
}

interface FrameHeader {
  readonly width: number;
  readonly height: number;
  readonly sizeOffset: number;
  /** Component id → its sampling factors. */
  readonly sampling: Map<number, { h: number; v: number }>;
}

function readFrameHeader(view: DataView, offset: number): FrameHeader | undefined {
  if (view.getUint8(offset + 2) !== 8) return undefined;
  const sampling = new Map<number, { h: number; v: number }>();
  const count = view.getUint8(offset + 7);
  for (let index = 0; index < count; index++) {
    const at = offset + 8 + index * 3;
    const factors = view.getUint8(at + 1);
    sampling.set(view.getUint8(at), { h: factors >> 4, v: factors & 15 });
  }
  const height = view.getUint16(offset + 3);
  const width = view.getUint16(offset + 5);
  return width > 0 && height > 0 ? { width, height, sizeOffset: offset + 3, sampling } : undefined;
}

// Tiles of one TIFF share their tables (JPEGTables): each is built once, not once a tile.
const builtTables = new Map<string, HuffmanTable | undefined>();
const MAX_BUILT_TABLES = 64;

function readHuffmanTables(
  jpeg: Uint8Array,
  start: number,
  end: number,
  tables: Map<number, HuffmanTable>,
): boolean {
  for (let at = start; at < end;) {
    const total = jpeg.subarray(at + 1, at + 17).reduce((sum, count) => sum + count, 0);
    if (at + 17 + total > end) return false;
    const table = builtTable(jpeg.subarray(at + 1, at + 17 + total));
    if (!table) return false;
    tables.set(jpeg[at], table);
    at += 17 + total;
  }
  return true;
}

/** The table of a DHT entry's counts and symbols, from `builtTables` when it is there. */
function builtTable(definition: Uint8Array): HuffmanTable | undefined {
  const key = String.fromCharCode(...definition);
  if (builtTables.has(key)) return builtTables.get(key);
  if (builtTables.size >= MAX_BUILT_TABLES) builtTables.clear();
  const table = huffmanTable(definition.subarray(0, 16), definition.subarray(16));
  builtTables.set(key, table);
  return table;
}

/** The scan's components with their tables, when the scan holds all of the frame's. */
function scanOf(
  view: DataView,
  offset: number,
  frame: FrameHeader | undefined,
  tables: Map<number, HuffmanTable>,
): BaselineFrame | undefined {
  if (!frame) return undefined;
  const count = view.getUint8(offset + 2);
  if (count !== frame.sampling.size) return undefined;
  const factors = [...frame.sampling.values()];
  const maxH = Math.max(...factors.map((factor) => factor.h));
  const maxV = Math.max(...factors.map((factor) => factor.v));
  const components: ScanComponent[] = [];
  for (let index = 0; index < count; index++) {
    const sampling = frame.sampling.get(view.getUint8(offset + 3 + index * 2));
    const selectors = view.getUint8(offset + 4 + index * 2);
    const dc = tables.get(selectors >> 4);
    const ac = tables.get(0x10 | (selectors & 15));
    if (!sampling || !dc || !ac) return undefined;
    // A scan of one component has one block per MCU, whatever its sampling factors.
    const single = count === 1;
    components.push({
      blocksAcross: single ? 1 : sampling.h,
      blocksDown: single ? 1 : sampling.v,
      dc,
      ac,
    });
  }
  const unit = count === 1 ? 8 : 0;
  return {
    width: frame.width,
    height: frame.height,
    sizeOffset: frame.sizeOffset,
    mcuWidth: unit || 8 * maxH,
    mcuHeight: unit || 8 * maxV,
    components,
    dataOffset: offset + view.getUint16(offset),
  };
}
