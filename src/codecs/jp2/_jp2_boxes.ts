import { CorruptSourceError, UnsupportedSourceError } from "../errors.ts";

/** Where a JP2 file keeps its codestream, and what its header boxes change about the pixels. */
export interface Jp2Boxes {
  /** Where the contents of the contiguous codestream box (`jp2c`) start in the file. */
  readonly codestreamStart: number;
  /** Where that box ends; `undefined` when it runs to the end of the file. */
  readonly codestreamEnd?: number;
  /** With a palette (`pclr`), how many channels it maps to. */
  readonly paletteChannels?: number;
}

/** Colour spaces (ISO/IEC 15444-1, table I.10) OpenJPEG leaves to its caller to convert. */
const UNCONVERTED_COLOUR_SPACES: Readonly<Record<number, string>> = {
  12: "CMYK",
  14: "CIELab",
  18: "sYCC",
  24: "e-YCC",
};

const SIGNATURE_BOX = "jP  ";
const MAX_BOX_LENGTH = Number.MAX_SAFE_INTEGER;

/** A box's type and where it and its contents lie; `end` is undefined when it runs to EOF. */
interface Box {
  readonly type: string;
  readonly contents: number;
  readonly end?: number;
}

/**
 * Walks the top-level boxes of a JP2 file (ISO/IEC 15444-1, annex I) up to the codestream box,
 * reading the colour specification and palette boxes inside the JP2 header box on the way.
 *
 * @param head The first bytes of the file, starting with the signature box.
 * @returns The boxes, or `undefined` when `head` ends before the codestream box.
 * @throws {CorruptSourceError} When a box length is impossible or there is no codestream box.
 * @throws {UnsupportedSourceError} For a colour space OpenJPEG does not convert to RGB.
 */
export function parseJp2Boxes(head: Uint8Array): Jp2Boxes | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let paletteChannels: number | undefined;
  let offset = 0;
  for (let box = boxAt(view, offset); box !== undefined; box = boxAt(view, offset)) {
    if (offset === 0 && box.type !== SIGNATURE_BOX) throw boxError("no signature box", offset);
    if (box.type === "jp2c") {
      return { codestreamStart: box.contents, codestreamEnd: box.end, paletteChannels };
    }
    if (box.end === undefined) throw boxError("no codestream box", offset);
    if (box.type === "jp2h") {
      if (box.end > head.length) return undefined;
      paletteChannels = readJp2Header(view, box.contents, box.end);
    }
    offset = box.end;
  }
  return undefined;
}

/**
 * The box at `offset`: LBox, TBox and, when LBox is 1, XLBox (I.4).
 *
 * @returns The box, or `undefined` when `view` ends inside its header.
 */
function boxAt(view: DataView, offset: number): Box | undefined {
  if (offset + 8 > view.byteLength) return undefined;
  const length = view.getUint32(offset);
  const type = String.fromCharCode(
    ...new Uint8Array(view.buffer, view.byteOffset + offset + 4, 4),
  );
  if (length === 0) return { type, contents: offset + 8 };
  if (length !== 1) {
    if (length < 8) throw boxError(`"${type}" box of ${length} bytes`, offset);
    return { type, contents: offset + 8, end: offset + length };
  }
  if (offset + 16 > view.byteLength) return undefined;
  const extended = view.getBigUint64(offset + 8);
  if (extended < 16n || extended > BigInt(MAX_BOX_LENGTH)) {
    throw boxError(`"${type}" box of ${extended} bytes`, offset);
  }
  return { type, contents: offset + 16, end: offset + Number(extended) };
}

/**
 * Reads the colour specification (`colr`, I.5.3.3) and palette (`pclr`, I.5.3.4) boxes inside
 * the JP2 header box, whose contents are [start, end).
 *
 * @returns With a palette, its channel count (NPC), which OpenJPEG decodes to.
 */
function readJp2Header(view: DataView, start: number, end: number): number | undefined {
  let paletteChannels: number | undefined;
  let colourSeen = false;
  for (let offset = start; offset < end;) {
    const box = boxAt(view, offset);
    if (box?.end === undefined || box.end > end) {
      throw boxError("box overruns its JP2 header box", offset);
    }
    if (box.type === "colr" && !colourSeen) {
      colourSeen = true;
      checkColourSpace(view, box.contents, box.end);
    }
    if (box.type === "pclr" && box.end - box.contents >= 3) {
      paletteChannels = view.getUint8(box.contents + 2);
    }
    offset = box.end;
  }
  return paletteChannels;
}

/** Rejects an enumerated colour space (METH 1) that would need converting to RGB. */
function checkColourSpace(view: DataView, start: number, end: number): void {
  if (end - start < 7 || view.getUint8(start) !== 1) return;
  const name = UNCONVERTED_COLOUR_SPACES[view.getUint32(start + 3)];
  if (name !== undefined) {
    throw new UnsupportedSourceError(
      `Cannot read JPEG 2000 in the "${name}" colour space yet: convert it to sRGB or greyscale`,
    );
  }
}

function boxError(what: string, offset: number): CorruptSourceError {
  return new CorruptSourceError(`Cannot read JP2 boxes: ${what} at offset ${offset}`);
}
