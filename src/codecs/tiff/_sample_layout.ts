import { CorruptSourceError, UnsupportedSourceError } from "../errors.ts";
import type { Ifd, TiffFile } from "./_tiff_file.ts";
import {
  COMPRESSION,
  INK_SET,
  PHOTOMETRIC,
  TAG,
  UNSUPPORTED_PHOTOMETRIC_NAMES,
} from "./_tiff_tags.ts";

/** How alpha is stored: in the sample after the colour ones, premultiplied or not. */
export type AlphaKind = "none" | "associated" | "unassociated";

/** How a directory's pixels are made of samples. */
export interface SampleLayout {
  readonly photometric: number;
  readonly samplesPerPixel: number;
  /** 1, 2, 4, 8 or 16, the same for every sample. */
  readonly bitsPerSample: number;
  readonly alpha: AlphaKind;
  /** The position of the alpha sample in a pixel (when `alpha` is not `"none"`). */
  readonly alphaSample: number;
}

/**
 * Reads how a directory's pixels are made of samples, checking that the reader decodes that
 * colour space, sample size and layout with `compression`.
 *
 * @throws {CorruptSourceError} When a tag is missing or out of range.
 * @throws {UnsupportedSourceError} For a colour space, sample format or layout Tessera does not
 *   read, naming it.
 */
export async function readSampleLayout(
  file: TiffFile,
  ifd: Ifd,
  compression: number,
): Promise<SampleLayout> {
  const layout = await readSamples(file, ifd);
  checkColour(compression, layout);
  if (layout.photometric === PHOTOMETRIC.SEPARATED) {
    checkCmyk(file.scalar(ifd, TAG.INK_SET, INK_SET.CMYK), layout);
  }
  return layout;
}

async function readSamples(file: TiffFile, ifd: Ifd): Promise<SampleLayout> {
  const scalar = (tag: number, fallback?: number) => file.scalar(ifd, tag, fallback);
  const samplesPerPixel = scalar(TAG.SAMPLES_PER_PIXEL, 1);
  if (samplesPerPixel < 1 || samplesPerPixel > 64) {
    throw new CorruptSourceError(`Cannot read TIFF with ${samplesPerPixel} samples per pixel`);
  }
  if (samplesPerPixel > 1 && scalar(TAG.PLANAR_CONFIGURATION, 1) !== 1) {
    throw new UnsupportedSourceError(
      "Cannot read TIFF with separate colour planes (PlanarConfiguration 2); save it with " +
        "interleaved samples",
    );
  }
  const [bits, formats, extras] = await Promise.all(
    [TAG.BITS_PER_SAMPLE, TAG.SAMPLE_FORMAT, TAG.EXTRA_SAMPLES].map((tag) =>
      listOf(file, ifd, tag, samplesPerPixel)
    ),
  );
  const bitsPerSample = uniform(bits ?? [1], "BitsPerSample");
  if (uniform(formats ?? [1], "SampleFormat") !== 1) {
    throw new UnsupportedSourceError("Cannot read TIFF with signed or floating-point samples");
  }
  const photometric = scalar(TAG.PHOTOMETRIC);
  const alphaSample = colourSampleCount(photometric);
  const extra = samplesPerPixel > alphaSample ? extras?.[0] : undefined;
  // ExtraSamples 0 is unspecified data, not alpha (TIFF 6.0, section 18).
  const alpha = extra === 1 ? "associated" : extra === 2 ? "unassociated" : "none";
  return { photometric, samplesPerPixel, bitsPerSample, alpha, alphaSample };
}

async function listOf(
  file: TiffFile,
  ifd: Ifd,
  tag: number,
  limit: number,
): Promise<readonly number[] | undefined> {
  const entry = ifd.entries.get(tag);
  return entry === undefined ? undefined : [...await file.numbers(entry, `tag ${tag}`, limit)];
}

function uniform(values: readonly number[], name: string): number {
  if (values.some((value) => value !== values[0])) {
    throw new UnsupportedSourceError(
      `Cannot read TIFF whose samples differ in ${name} (${values.join(", ")})`,
    );
  }
  return values[0];
}

function colourSampleCount(photometric: number): number {
  if (photometric === PHOTOMETRIC.SEPARATED) return 4;
  return photometric === PHOTOMETRIC.RGB || photometric === PHOTOMETRIC.YCBCR ? 3 : 1;
}

function checkColour(compression: number, samples: SampleLayout): void {
  const { photometric, samplesPerPixel, bitsPerSample } = samples;
  const unsupported = UNSUPPORTED_PHOTOMETRIC_NAMES[photometric];
  if (unsupported !== undefined) {
    throw new UnsupportedSourceError(`Cannot read TIFF in the ${unsupported} colour space`);
  }
  if (compression === COMPRESSION.JPEG) {
    checkJpegSamples(samples);
    return;
  }
  const allowedBits = photometric === PHOTOMETRIC.RGB || photometric === PHOTOMETRIC.SEPARATED
    ? [8, 16]
    : photometric === PHOTOMETRIC.PALETTE
    ? [1, 2, 4, 8]
    : photometric === PHOTOMETRIC.MIN_IS_BLACK || photometric === PHOTOMETRIC.MIN_IS_WHITE
    ? [1, 2, 4, 8, 16]
    : undefined;
  if (allowedBits === undefined) {
    throw new UnsupportedSourceError(
      `Cannot read TIFF with PhotometricInterpretation ${photometric} without JPEG compression`,
    );
  }
  if (!allowedBits.includes(bitsPerSample) || samplesPerPixel < colourSampleCount(photometric)) {
    throw new UnsupportedSourceError(
      `Cannot read TIFF with ${samplesPerPixel} samples of ${bitsPerSample} bits in ` +
        `PhotometricInterpretation ${photometric}`,
    );
  }
}

function checkJpegSamples({ photometric, samplesPerPixel, bitsPerSample }: SampleLayout): void {
  const gray = photometric === PHOTOMETRIC.MIN_IS_BLACK && samplesPerPixel === 1;
  const colour = (photometric === PHOTOMETRIC.RGB || photometric === PHOTOMETRIC.YCBCR) &&
    samplesPerPixel === 3;
  const cmyk = photometric === PHOTOMETRIC.SEPARATED && samplesPerPixel === 4;
  if (bitsPerSample !== 8 || !(gray || colour || cmyk)) {
    throw new UnsupportedSourceError(
      `Cannot read JPEG-compressed TIFF with ${samplesPerPixel} samples of ${bitsPerSample} ` +
        `bits in PhotometricInterpretation ${photometric}`,
    );
  }
}

/** Separated images are read as CMYK without alpha: their conversion to sRGB makes them opaque. */
function checkCmyk(inkSet: number, { alpha }: SampleLayout): void {
  if (inkSet !== INK_SET.CMYK) {
    throw new UnsupportedSourceError(
      `Cannot read TIFF with inks other than CMYK (InkSet ${inkSet}); convert it to CMYK or RGB`,
    );
  }
  if (alpha !== "none") {
    throw new UnsupportedSourceError(
      "Cannot read CMYK TIFF with an alpha channel; flatten it or convert it to RGB",
    );
  }
}
