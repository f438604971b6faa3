import { convertsFromIccSpace, iccColourSpace } from "../colour/mod.ts";
import { UnsupportedSourceError } from "../errors.ts";

/** Colour spaces (ISO/IEC 15444-1, table I.10) OpenJPEG leaves to its caller to convert. */
const UNCONVERTED_COLOUR_SPACES: Readonly<Record<number, string>> = {
  12: "CMYK",
  14: "CIELab",
  18: "sYCC",
  24: "e-YCC",
};
/** METH (I.5.3.3): 1 an enumerated colour space; 2 a restricted ICC profile, 3 any (JPX). */
const METHOD = { enumerated: 1, restrictedIcc: 2, anyIcc: 3 } as const;
/** METH, PREC and APPROX come before the colour space or the profile. */
const PROFILE_START = 3;

/**
 * Reads the contents of a JP2 colour specification box (`colr`, I.5.3.3), checking that the
 * pixels can become sRGB: OpenJPEG decodes sRGB and greyscale as they are, and a gray or RGB ICC
 * profile converts them. Other methods (vendor colour) are read as sRGB.
 *
 * @returns The ICC profile the box carries, if any.
 * @throws {UnsupportedSourceError} For an enumerated colour space OpenJPEG does not convert
 * (CMYK, CIELab, YCC), or an ICC profile of another colour space than gray or RGB.
 */
export function readColourSpecification(contents: Uint8Array): Uint8Array | undefined {
  const method = contents[0];
  if (method === METHOD.enumerated && contents.length >= 7) {
    const view = new DataView(contents.buffer, contents.byteOffset, contents.byteLength);
    checkConverted(UNCONVERTED_COLOUR_SPACES[view.getUint32(PROFILE_START)]);
    return undefined;
  }
  if (method !== METHOD.restrictedIcc && method !== METHOD.anyIcc) return undefined;
  const profile = contents.subarray(PROFILE_START);
  const space = iccColourSpace(profile);
  // A damaged profile names no space: the conversion to sRGB ignores it, as browsers do.
  if (space !== undefined && !convertsFromIccSpace(space)) checkConverted(space);
  return profile;
}

function checkConverted(name: string | undefined): void {
  if (name !== undefined) {
    throw new UnsupportedSourceError(
      `Cannot read JPEG 2000 in the "${name}" colour space yet: convert it to sRGB or greyscale`,
    );
  }
}
