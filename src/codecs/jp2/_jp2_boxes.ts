import { CorruptSourceError } from "../errors.ts";
import { readColourSpecification } from "./_colour_specification.ts";

/** Where a JP2 file keeps its codestream, and what its header boxes change about the pixels. */
export interface Jp2Boxes {
  /** Where the contents of the contiguous codestream box (`jp2c`) start in the file. */
  readonly codestreamStart: number;
  /** Where that box ends; `undefined` when it runs to the end of the file. */
  readonly codestreamEnd?: number;
  /** With a palette (`pclr`), how many channels it maps to. */
  readonly paletteChannels?: number;
  /** The ICC profile of the colour specification box, which OpenJPEG does not apply. */
  readonly iccProfile?: Uint8Array;
}

/** What the JP2 header box says about the pixels. */
type HeaderBoxes = Pick<Jp2Boxes, "paletteChannels" | "iccProfile">;

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
 * @throws {UnsupportedSourceError} For a colour space OpenJPEG does not convert to RGB, or an
 * ICC profile that is neither gray nor RGB.
 */
export function parseJp2Boxes(head: Uint8Array): Jp2Boxes | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let header: HeaderBoxes = {};
  let offset = 0;
  for (let box = boxAt(view, offset); box !== undefined; box = boxAt(view, offset)) {
    if (offset === 0 && box.type !== SIGNATURE_BOX) throw boxError("no signature box", offset);
    if (box.type === "jp2c") {
      return { codestreamStart: box.contents, codestreamEnd: box.end, ...header };
    }
    if (box.end === undefined) throw boxError("no codestream box", offset);
    if (box.type === "jp2h") {
      if (box.end > head.length) return undefined;
      header = readJp2Header(view, box.contents, box.end);
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
 * Reads the first colour specification box (`colr`, I.5.3.3; readers ignore the others) and the
 * palette box (`pclr`, I.5.3.4) inside the JP2 header box, whose contents are [start, end).
 * With a palette, its channel count (NPC) is what OpenJPEG decodes to.
 */
function readJp2Header(view: DataView, start: number, end: number): HeaderBoxes {
  let paletteChannels: number | undefined;
  let iccProfile: Uint8Array | undefined;
  let colourSeen = false;
  for (let offset = start; offset < end;) {
    const box = boxAt(view, offset);
    if (box?.end === undefined || box.end > end) {
      throw boxError("box overruns its JP2 header box", offset);
    }
    if (box.type === "colr" && !colourSeen) {
      colourSeen = true;
      const length = box.end - box.contents;
      iccProfile = readColourSpecification(
        new Uint8Array(view.buffer, view.byteOffset + box.contents, length),
      );
    }
    if (box.type === "pclr" && box.end - box.contents >= 3) {
      paletteChannels = view.getUint8(box.contents + 2);
    }
    offset = box.end;
  }
  return { paletteChannels, iccProfile };
}

function boxError(what: string, offset: number): CorruptSourceError {
  return new CorruptSourceError(`Cannot read JP2 boxes: ${what} at offset ${offset}`);
}
