/**
 * Lossless crop of a baseline JPEG to its top-left corner without libjpeg: the kept blocks' bits
 * are copied as they are (same coefficients, same Huffman tables), and only the DC difference of
 * the first block of each row, whose predecessor is dropped, is written anew. Only the Huffman
 * codes are read, nothing is dequantised or transformed, and nothing is re-encoded, which is what
 * makes it cheaper than libjpeg-turbo's `tjTransform`, that decodes every coefficient and
 * Huffman-codes the kept ones again.
 *
 * @module
 */
import { next32, StuffingWriter, UnstuffedScan } from "./_bits.ts";
import { CropEdits, EDIT, EDIT_SIZE } from "./_crop_edits.ts";
import { type BaselineFrame, readBaselineFrame, type ScanComponent } from "./_frame.ts";
import { readSymbol } from "./_huffman.ts";

const EOI = new Uint8Array([0xff, 0xd9]);

// Reused between calls, on the main thread as in each worker (each has its own module instance):
// safe because a crop runs start to end without awaiting.
const scan = new UnstuffedScan();
let outputScratch = new Uint8Array(128 * 1024);
const editsScratch = new CropEdits();

/**
 * How one JPEG is cropped: the runs of its entropy-coded data to copy and the new DC differences
 * between them. Reading the Huffman codes is most of a crop's time; a plan kept for a stored
 * tile that is asked for again makes its next crop a copy.
 */
export interface BaselineCropPlan {
  readonly width: number;
  readonly height: number;
  /** The JPEG's length: a plan is replayed only on a JPEG as long. */
  readonly jpegLength: number;
  readonly dataOffset: number;
  readonly sizeOffset: number;
  /** Where the scan's data ends (its next marker). */
  readonly dataEnd: number;
  /**
   * A hash of the bytes at the ends of every run and of the marker after the data, checked
   * before a replay: another JPEG of the same length is planned anew rather than cut wrong.
   */
  readonly fingerprint: number;
  /**
   * Fours: (EDIT.COPY, the bit of the JPEG where a run starts, its length in bits of data
   * (stuffed zeros not counted), where its whole bytes end in the JPEG), or (EDIT.BITS, value,
   * count, 0).
   */
  readonly edits: Int32Array<ArrayBuffer>;
}

/** A cropped JPEG and the plan that made it. */
export interface BaselineCrop {
  readonly jpeg: Uint8Array<ArrayBuffer>;
  readonly plan: BaselineCropPlan;
}

/**
 * `jpeg` cropped to its top-left `width` × `height`, losslessly; decoders give exactly the
 * pixels of that corner of `jpeg` (4:4:4 or gray; with chroma subsampling, the last columns
 * and rows may differ by the upsampling of their neighbours, as with any lossless crop).
 *
 * @param known A plan made earlier for these bytes (the same stored tile): replayed without
 *   reading a Huffman code when it fits (see {@linkcode replayBaselineCrop}), else planned anew.
 * @returns The cropped JPEG and its plan (`known` when it was replayed), or `undefined` when
 *   this crop does not apply (progressive or arithmetic coding, restart intervals, 12-bit
 *   samples, a DC difference the file's Huffman table has no code for) or the entropy-coded
 *   data is broken: crop with libjpeg then.
 */
export function cropBaselineJpeg(
  jpeg: Uint8Array,
  width: number,
  height: number,
  known?: BaselineCropPlan,
): BaselineCrop | undefined {
  const replayed = known && replayBaselineCrop(jpeg, width, height, known);
  if (replayed) return { jpeg: replayed, plan: known };
  const plan = planCrop(jpeg, width, height);
  return plan && { jpeg: writeCrop(jpeg, plan), plan };
}

/**
 * `jpeg` cropped by `plan` alone, without reading a Huffman code: `undefined` when the plan was
 * not made for this size or for a JPEG like this one (its length, and the bytes where its runs
 * start and end). Takes from a few µs (the bottom tiles of a pyramid: one run, copied as it is)
 * to about 50 µs (right-hand tiles of 41 KB: each row's run shifted to follow its new DC code).
 */
export function replayBaselineCrop(
  jpeg: Uint8Array,
  width: number,
  height: number,
  plan: BaselineCropPlan,
): Uint8Array<ArrayBuffer> | undefined {
  const fits = plan.jpegLength === jpeg.length && plan.width === width && plan.height === height &&
    fingerprintOf(jpeg, plan.edits, plan.dataEnd) === plan.fingerprint;
  return fits ? writeCrop(jpeg, plan) : undefined;
}

/** Plans hold bit positions in 32-bit integers. */
const MAX_JPEG_BYTES = 2 ** 28;

/** Reads the kept rows' codes: the plan. */
function planCrop(jpeg: Uint8Array, width: number, height: number): BaselineCropPlan | undefined {
  const frame = jpeg.length < MAX_JPEG_BYTES ? readBaselineFrame(jpeg) : undefined;
  if (!frame || width < 1 || height < 1 || width > frame.width || height > frame.height) {
    return undefined;
  }
  scan.read(jpeg, frame.dataOffset);
  editsScratch.clear();
  if (!findKeptBlocks(frame, scan.bytes, scan.length * 8, width, height, editsScratch)) {
    return undefined;
  }
  const edits = editsScratch.toArray();
  // Runs are found in the unstuffed data and copied from the JPEG itself.
  for (let at = 0; at < edits.length; at += EDIT_SIZE) {
    if (edits[at] !== EDIT.COPY) continue;
    const { start, wholeEnd } = scan.runInJpeg(edits[at + 1], edits[at + 2]);
    edits[at + 1] = start;
    edits[at + 3] = wholeEnd;
  }
  const { dataOffset, sizeOffset } = frame;
  const dataEnd = scan.offsetInJpeg(scan.length);
  const fingerprint = fingerprintOf(jpeg, edits, dataEnd);
  const jpegLength = jpeg.length;
  return { width, height, jpegLength, dataOffset, sizeOffset, dataEnd, fingerprint, edits };
}

/**
 * FNV-1a over the first and last byte of each run and the two bytes at `dataEnd` (a byte past
 * the end counts as 256). Every replay computes it, on the main thread too: no closure, no array.
 */
function fingerprintOf(jpeg: Uint8Array, edits: Int32Array, dataEnd: number): number {
  let hash = FNV_OFFSET;
  for (let at = 0; at < edits.length; at += EDIT_SIZE) {
    if (edits[at] !== EDIT.COPY) continue;
    hash = fnvStep(hash, jpeg[edits[at + 1] >>> 3]);
    hash = fnvStep(hash, jpeg[edits[at + 3] - 1]);
  }
  return fnvStep(fnvStep(hash, jpeg[dataEnd]), jpeg[dataEnd + 1]);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvStep(hash: number, byte: number | undefined): number {
  return Math.imul(hash ^ (byte ?? 256), FNV_PRIME);
}

/** The segments before the scan, the plan's edits of the scan, the EOI. */
function writeCrop(jpeg: Uint8Array, plan: BaselineCropPlan): Uint8Array<ArrayBuffer> {
  const writer = new StuffingWriter(outputScratch);
  writer.raw(jpeg.subarray(0, plan.dataOffset));
  const { edits } = plan;
  for (let at = 0; at < edits.length; at += EDIT_SIZE) {
    if (edits[at] === EDIT.COPY) {
      writer.copyStuffed(jpeg, edits[at + 1], edits[at + 2], edits[at + 3]);
    } else writer.bits(edits[at + 1], edits[at + 2]);
  }
  writer.padToByte();
  writer.raw(EOI);
  outputScratch = writer.buffer;
  const cropped = writer.buffer.slice(0, writer.length);
  const { width, height } = plan;
  // Bytes, not a DataView: a DataView over a buffer that is then transferred (as the worker
  // sends this one) left that worker's resize kernels 2–3× slower on the next request.
  cropped.set([height >> 8, height & 255, width >> 8, width & 255], plan.sizeOffset);
  return cropped;
}

/**
 * Walks the MCUs of the kept rows, recording which bits to copy for the kept columns. `false`
 * when the data is broken or a new DC difference has no code.
 */
function findKeptBlocks(
  frame: BaselineFrame,
  scan: Uint8Array,
  scanBits: number,
  width: number,
  height: number,
  edits: CropEdits,
): boolean {
  const across = Math.ceil(frame.width / frame.mcuWidth);
  const keptAcross = Math.ceil(width / frame.mcuWidth);
  const keptDown = Math.ceil(height / frame.mcuHeight);
  const { components } = frame;
  const predictions = new Int32Array(components.length);
  const rowEnds = new Int32Array(components.length);
  const cursor = { position: 0, difference: 0 };
  let copyFrom = 0;
  for (let row = 0; row < keptDown; row++) {
    for (let column = 0; column < across; column++) {
      if (column === keptAcross) edits.copy(copyFrom, cursor.position);
      for (let index = 0; index < components.length; index++) {
        const component = components[index];
        const blocks = component.blocksAcross * component.blocksDown;
        for (let block = 0; block < blocks; block++) {
          const start = cursor.position;
          if (!readDc(component, scan, cursor)) return false;
          predictions[index] += cursor.difference;
          // Its predecessor, the last block of the row above, is dropped: write its DC anew.
          if (row > 0 && column === 0 && block === 0 && keptAcross < across) {
            edits.copy(copyFrom, start);
            if (!writeDc(component, predictions[index] - rowEnds[index], edits)) return false;
            copyFrom = cursor.position;
          }
          cursor.position = skipAc(component, scan, cursor.position);
          if (cursor.position < 0 || cursor.position > scanBits) return false;
        }
        if (column === keptAcross - 1) rowEnds[index] = predictions[index];
      }
    }
    if (keptAcross < across) copyFrom = cursor.position;
  }
  if (keptAcross === across) edits.copy(copyFrom, cursor.position);
  return true;
}

/** Where a block is read from, and the DC difference last read. */
interface Cursor {
  position: number;
  difference: number;
}

/** Reads the DC difference at the cursor and moves past it; `false` on a broken code. */
function readDc({ dc }: ScanComponent, scan: Uint8Array, cursor: Cursor): boolean {
  const symbol = readSymbol(dc, next32(scan, cursor.position));
  const size = symbol & 0xff;
  if (symbol < 0 || size > 11) return false;
  let position = cursor.position + (symbol >>> 8);
  let difference = 0;
  if (size > 0) {
    const bits = next32(scan, position) >>> (32 - size);
    // T.81 F.2.2.1 EXTEND: values below half the range are negative.
    difference = bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;
    position += size;
  }
  cursor.position = position;
  cursor.difference = difference;
  return true;
}

/** Where the AC coefficients at `position` end, or -1 when they are broken. */
function skipAc({ ac }: ScanComponent, scan: Uint8Array, position: number): number {
  const { acRuns: runs, fast } = ac;
  // The next 32 bits, read again once more than 20 of them are used: a lookup needs 12.
  let window = next32(scan, position);
  let used = 0;
  let index = 1;
  while (index < 64) {
    if (used > 20) {
      position += used;
      window = next32(scan, position);
      used = 0;
    }
    const next = window << used;
    const run = runs[next >>> 20];
    const coefficients = (run >> 4) & 127;
    // Not when the block may end inside the run: what follows is the next block's.
    if (run !== 0 && index + coefficients < 64) {
      used += run & 15;
      if (run >= 0x800) return position + used;
      index += coefficients;
      continue;
    }
    const symbol = fast[next >>> 23] || readSymbol(ac, next32(scan, position + used));
    if (symbol < 0) return -1;
    const size = symbol & 15;
    const zeros = (symbol >> 4) & 15;
    used += (symbol >>> 8) + size;
    if (size === 0 && zeros !== 15) return position + used;
    index += size === 0 ? 16 : zeros + 1;
  }
  return index === 64 ? position + used : -1;
}

/** Writes a DC difference with the component's table; `false` when the table lacks its size. */
function writeDc({ dc }: ScanComponent, difference: number, edits: CropEdits): boolean {
  const size = difference === 0 ? 0 : 32 - Math.clz32(Math.abs(difference));
  const code = dc.codes[size];
  if (code === 0) return false;
  edits.bits(code & 0xffff, code >>> 16);
  if (size > 0) edits.bits(difference < 0 ? difference + (1 << size) - 1 : difference, size);
  return true;
}
