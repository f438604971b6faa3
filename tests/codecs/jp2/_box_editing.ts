/** Edits of JP2 boxes in files made by `opj_compress`, for what it cannot write itself. */

/** Where the first top-level box of `type` starts, and its length. */
export function boxAt(file: Uint8Array, type: string): { offset: number; length: number } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  for (let offset = 0; offset + 8 <= file.length;) {
    const length = view.getUint32(offset);
    if (String.fromCharCode(...file.subarray(offset + 4, offset + 8)) === type) {
      return { offset, length };
    }
    offset += length;
  }
  throw new Error(`No "${type}" box`);
}

/** `file` with its colour specification box's enumerated colour space set to `enumerated`. */
export function withColourSpace(file: Uint8Array, enumerated: number): Uint8Array {
  const changed = file.slice();
  const colr = findSubBox(changed, "colr");
  new DataView(changed.buffer).setUint32(colr + 8 + 3, enumerated);
  return changed;
}

/**
 * A one-component 8-bit JP2 `file` turned into a palette image: `palette` (256 RGB entries) and
 * a component mapping go into its JP2 header box, and its colour space becomes sRGB.
 */
export function withPalette(file: Uint8Array, palette: Uint8Array): Uint8Array {
  const pclr = box("pclr", [1, 0, 3, 7, 7, 7, ...palette]);
  const cmap = box("cmap", [0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 2]);
  const jp2h = boxAt(file, "jp2h");
  const end = jp2h.offset + jp2h.length;
  const changed = new Uint8Array(file.length + pclr.length + cmap.length);
  changed.set(withColourSpace(file, 16).subarray(0, end));
  changed.set(pclr, end);
  changed.set(cmap, end + pclr.length);
  changed.set(file.subarray(end), end + pclr.length + cmap.length);
  new DataView(changed.buffer).setUint32(jp2h.offset, jp2h.length + pclr.length + cmap.length);
  return changed;
}

/**
 * `file` with the contents of its colour specification box replaced by `contents`: METH, PREC,
 * APPROX, then an enumerated colour space or an ICC profile.
 */
export function withColourSpecification(file: Uint8Array, contents: Uint8Array): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const colr = findSubBox(file, "colr");
  const end = colr + view.getUint32(colr);
  const replacement = box("colr", [...contents]);
  const changed = new Uint8Array(file.length - (end - colr) + replacement.length);
  changed.set(file.subarray(0, colr));
  changed.set(replacement, colr);
  changed.set(file.subarray(end), colr + replacement.length);
  const jp2h = boxAt(file, "jp2h");
  new DataView(changed.buffer).setUint32(
    jp2h.offset,
    jp2h.length - (end - colr) + replacement.length,
  );
  return changed;
}

function findSubBox(file: Uint8Array, type: string): number {
  const jp2h = boxAt(file, "jp2h");
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  for (let offset = jp2h.offset + 8; offset < jp2h.offset + jp2h.length;) {
    if (String.fromCharCode(...file.subarray(offset + 4, offset + 8)) === type) return offset;
    offset += view.getUint32(offset);
  }
  throw new Error(`No "${type}" box in jp2h`);
}

function box(type: string, contents: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(8 + contents.length);
  new DataView(bytes.buffer).setUint32(0, bytes.length);
  bytes.set([...type].map((character) => character.charCodeAt(0)), 4);
  bytes.set(contents, 8);
  return bytes;
}
