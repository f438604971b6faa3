import assert from "node:assert/strict";
import { TURBOJPEG_SYMBOLS } from "../../src/codecs/_turbojpeg_api.ts";
import { concat, quadrants } from "./_images.ts";

/** `enum TJPF` values used here. */
const TJPF_RGBA = 7;
const TJPF_CMYK = 11;
const TJSAMP_420 = 2;

/** A JPEG with something libjpeg warns about, made from {@linkcode restartJpeg}. */
export interface DamagedJpeg {
  readonly name: string;
  readonly damage: (jpeg: Uint8Array) => Uint8Array;
  /** libjpeg's first warning when decoding it. */
  readonly warning: RegExp;
}

/** Damage after which libjpeg still decodes the whole image right. */
export const HARMLESS_DAMAGE: readonly DamagedJpeg[] = [
  {
    name: "2 extraneous bytes before DQT",
    damage: (jpeg) => insertAt(jpeg, segmentOffset(jpeg, 0xdb), [0x12, 0x34]),
    warning: /^Corrupt JPEG data: 2 extraneous bytes before marker 0xdb$/,
  },
  {
    name: "2 extraneous bytes before SOS",
    damage: (jpeg) => insertAt(jpeg, segmentOffset(jpeg, 0xda), [0x12, 0x34]),
    warning: /^Corrupt JPEG data: 2 extraneous bytes before marker 0xda$/,
  },
  {
    // Fewer are swallowed unseen by the Huffman decoder's read-ahead.
    name: "16 extraneous bytes before an RST marker",
    damage: (jpeg) => insertAt(jpeg, markerOffset(jpeg, 0xd1), new Array(16).fill(0x55)),
    warning: /^Corrupt JPEG data: \d+ extraneous bytes before marker 0xd1$/,
  },
  {
    name: "16 extraneous bytes before EOI",
    damage: (jpeg) => insertAt(jpeg, jpeg.length - 2, new Array(16).fill(0x55)),
    warning: /^Corrupt JPEG data: \d+ extraneous bytes before marker 0xd9$/,
  },
  {
    name: "zeroed SOS scan parameters",
    damage: (jpeg) => {
      const damaged = jpeg.slice();
      const sos = segmentOffset(damaged, 0xda);
      // Ss, Se, Ah/Al follow the component count and the two bytes per component.
      damaged.fill(0, sos + 5 + 2 * damaged[sos + 4], sos + 8 + 2 * damaged[sos + 4]);
      return damaged;
    },
    warning: /^Invalid SOS parameters for sequential JPEG$/,
  },
  {
    name: "a JFIF revision of 2.01",
    damage: (jpeg) => {
      const damaged = jpeg.slice();
      damaged.set([2, 1], segmentOffset(damaged, 0xe0) + 9);
      return damaged;
    },
    warning: /^Warning: unknown JFIF revision number 2\.01$/,
  },
];

/** Damage that leaves libjpeg filling in what it cannot read. */
export const HARMFUL_DAMAGE: readonly DamagedJpeg[] = [
  {
    name: "2 extraneous bytes before SOS, then truncated",
    damage: (jpeg) => insertAt(jpeg, segmentOffset(jpeg, 0xda), [0x12, 0x34]).subarray(0, -100),
    warning: /^Corrupt JPEG data: 2 extraneous bytes before marker 0xda$/,
  },
  {
    // libjpeg skips the next interval to find RST0, then leaves both intervals gray.
    name: "a missing RST marker",
    damage: (jpeg) => removeAt(jpeg, markerOffset(jpeg, 0xd0), 2),
    warning: /^Corrupt JPEG data: \d+ extraneous bytes before marker 0xd1$/,
  },
  {
    name: "bytes missing from a restart interval",
    damage: (jpeg) => removeAt(jpeg, markerOffset(jpeg, 0xd1) - 20, 20),
    warning: /^Corrupt JPEG data: premature end of data segment$/,
  },
];

/**
 * {@linkcode quadrants}(64, 48) as a 4:2:0 JPEG by libjpeg-turbo, with a restart marker after each
 * of its three MCU rows (TurboJPEG reads `TJ_RESTART` from the environment).
 */
export function restartJpeg(): Uint8Array {
  Deno.env.set("TJ_RESTART", "1");
  try {
    return compress(quadrants(64, 48).data, 64, 48, TJPF_RGBA);
  } finally {
    Deno.env.delete("TJ_RESTART");
  }
}

/** A 16×16 YCCK JPEG, written by TurboJPEG from CMYK pixels. */
export function cmykJpeg(): Uint8Array {
  return compress(new Uint8Array(16 * 16 * 4).fill(100), 16, 16, TJPF_CMYK);
}

/**
 * libjpeg-turbo's first warning when decoding `jpeg` (scaled to fit 64×48) to the end, read
 * straight from the library.
 *
 * @returns The message, or `undefined` when the decode neither warned nor failed.
 */
export function firstLibjpegWarning(jpeg: Uint8Array): string | undefined {
  return withTurboJpeg(({ tjInitDecompress, tjDecompress2, tjGetErrorStr2, tjDestroy }) => {
    const handle = tjInitDecompress();
    const pixels = new Uint8Array(64 * 48 * 4);
    const status = tjDecompress2(
      handle,
      jpeg,
      BigInt(jpeg.length),
      pixels,
      64,
      0,
      48,
      TJPF_RGBA,
      0,
    );
    const message = Deno.UnsafePointerView.getCString(tjGetErrorStr2(handle)!);
    tjDestroy(handle);
    return status === 0 ? undefined : message;
  });
}

function compress(pixels: Uint8Array, width: number, height: number, format: number): Uint8Array {
  return withTurboJpeg(({ tjInitCompress, tjCompress2, tjFree, tjDestroy }) => {
    const buffer = new BigUint64Array(1);
    const size = new BigUint64Array(1);
    const handle = tjInitCompress();
    const status = tjCompress2(
      handle,
      pixels,
      width,
      width * 4,
      height,
      format,
      buffer,
      size,
      TJSAMP_420,
      90,
      0,
    );
    tjDestroy(handle);
    assert.equal(status, 0);
    const pointer = Deno.UnsafePointer.create(buffer[0])!;
    const jpeg = new Uint8Array(Number(size[0]));
    new Deno.UnsafePointerView(pointer).copyInto(jpeg);
    tjFree(pointer);
    return jpeg;
  });
}

function withTurboJpeg<T>(
  use: (symbols: Deno.DynamicLibrary<typeof TURBOJPEG_SYMBOLS>["symbols"]) => T,
): T {
  const library = Deno.dlopen("libturbojpeg.so.0", TURBOJPEG_SYMBOLS);
  try {
    return use(library.symbols);
  } finally {
    library.close();
  }
}

/** Where the header segment with marker `code` starts (at its 0xFF), in a well-formed JPEG. */
function segmentOffset(jpeg: Uint8Array, code: number): number {
  let offset = 2;
  while (jpeg[offset + 1] !== code) {
    assert.ok(jpeg[offset + 1] !== 0xda, `No marker 0x${code.toString(16)} before the scan`);
    offset += 2 + ((jpeg[offset + 2] << 8) | jpeg[offset + 3]);
  }
  return offset;
}

/** Where the first marker `code` starts, searching entropy-coded data too. */
function markerOffset(jpeg: Uint8Array, code: number): number {
  const offset = jpeg.findIndex((byte, index) => byte === 0xff && jpeg[index + 1] === code);
  assert.ok(offset > 0, `No marker 0x${code.toString(16)}`);
  return offset;
}

function removeAt(jpeg: Uint8Array, offset: number, length: number): Uint8Array {
  return concat([jpeg.subarray(0, offset), jpeg.subarray(offset + length)]);
}

function insertAt(jpeg: Uint8Array, offset: number, bytes: readonly number[]): Uint8Array {
  return concat([jpeg.subarray(0, offset), new Uint8Array(bytes), jpeg.subarray(offset)]);
}
