import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Raster } from "../../ops/raster.ts";
import { pixelsOf } from "../_pixels_of.ts";
import type { LittleCms, SrgbTransformHandle, TransformInput } from "./little_cms.ts";

/** How the pixels of one profile become sRGB, once worked out. */
type SrgbConversion =
  | { readonly kind: "unusable" }
  /** The profile is sRGB or close enough that no pixel would move by more than 1. */
  | { readonly kind: "identity" }
  | { readonly kind: "transform"; readonly transform: SrgbTransformHandle }
  /** R, G, B for each of the 256 gray levels. */
  | { readonly kind: "gray-table"; readonly table: Uint8Array };

/** Profiles kept per thread; a museum's sources use few (sRGB, Adobe RGB, a press CMYK…). */
const DEFAULT_CAPACITY = 16;
/** The probe colours of the sRGB-equivalence test: every mix of these channel values. */
const PROBE_LEVELS = [0, 32, 64, 96, 128, 160, 192, 224, 255];
/** Largest channel difference between a profile and sRGB that still counts as sRGB. */
const IDENTITY_TOLERANCE = 1;

/** What {@linkcode SrgbConverter.convert} is asked to do. */
export interface SrgbConversionRequest {
  /** The embedded ICC profile. */
  readonly profile: Uint8Array;
  /** How the raster's 4 bytes a pixel are to be read. */
  readonly input: Exclude<TransformInput, "gray"> | "gray-in-rgba";
}

/**
 * Converts rasters to sRGB in place through Little CMS, keeping what it worked out for each
 * profile (keyed by the profile's SHA-256) in an LRU, so the transform of a source's profile is
 * built once per thread. A profile that lcms2 cannot read, or whose colour space is not the one
 * asked for, is remembered as unusable.
 */
export class SrgbConverter {
  readonly #lcms: LittleCms;
  readonly #conversions: LRUCache<string, SrgbConversion>;

  /**
   * @param lcms The library, owned by the converter from now on.
   * @param capacity How many profiles to keep.
   */
  constructor(lcms: LittleCms, capacity = DEFAULT_CAPACITY) {
    this.#lcms = lcms;
    this.#conversions = new LRUCache({
      max: capacity,
      dispose: (conversion) => {
        if (conversion.kind === "transform") lcms.deleteTransform(conversion.transform);
      },
    });
  }

  /**
   * Converts `raster` to sRGB in place. RGBA keeps its alpha; CMYK (4 bytes a pixel) becomes
   * opaque RGBA; `gray-in-rgba` reads each pixel's R (a gray decode repeats it in G and B) and
   * keeps alpha.
   *
   * @returns `false`, leaving the raster as it was, when the profile cannot be used.
   * @throws {RangeError} When `raster.data` is shorter than the image.
   */
  convert(raster: Raster, request: SrgbConversionRequest): boolean {
    const conversion = this.#conversionFor(request);
    const pixels = pixelsOf(raster);
    switch (conversion.kind) {
      case "unusable":
        return false;
      case "identity":
        return true;
      case "transform":
        this.#lcms.transform(
          conversion.transform,
          { input: pixels, output: pixels },
          pixels.length / 4,
        );
        if (request.input !== "rgba") setOpaque(pixels);
        return true;
      case "gray-table":
        applyGrayTable(pixels, conversion.table);
        return true;
    }
  }

  #conversionFor(request: SrgbConversionRequest): SrgbConversion {
    const hash = createHash("sha256").update(request.profile).digest("hex");
    const key = `${request.input}:${hash}`;
    let conversion = this.#conversions.get(key);
    if (conversion === undefined) {
      conversion = this.#workOut(request);
      this.#conversions.set(key, conversion);
    }
    return conversion;
  }

  #workOut({ profile, input }: SrgbConversionRequest): SrgbConversion {
    const transform = this.#lcms.srgbTransform(profile, input === "gray-in-rgba" ? "gray" : input);
    if (transform === undefined) return { kind: "unusable" };
    if (input === "gray-in-rgba") return { kind: "gray-table", table: this.#grayTable(transform) };
    if (input === "rgba" && this.#isIdentity(transform)) {
      this.#lcms.deleteTransform(transform);
      return { kind: "identity" };
    }
    return { kind: "transform", transform };
  }

  /** Runs the 256 gray levels through `transform`, then frees it. */
  #grayTable(transform: SrgbTransformHandle): Uint8Array {
    const levels = Uint8Array.from({ length: 256 }, (_, level) => level);
    const table = new Uint8Array(256 * 3);
    this.#lcms.transform(transform, { input: levels, output: table }, 256);
    this.#lcms.deleteTransform(transform);
    return table;
  }

  /** Whether `transform` moves no probe colour by more than the tolerance. */
  #isIdentity(transform: SrgbTransformHandle): boolean {
    const probe = probeColours();
    // The transform writes no alpha: the copy keeps the probe's, so only R, G, B can differ.
    const output = probe.slice();
    this.#lcms.transform(transform, { input: probe, output }, probe.length / 4);
    return output.every((value, index) => Math.abs(value - probe[index]) <= IDENTITY_TOLERANCE);
  }
}

/** Every mix of the probe levels as opaque RGBA. */
function probeColours(): Uint8Array {
  const colours: number[] = [];
  for (const r of PROBE_LEVELS) {
    for (const g of PROBE_LEVELS) {
      for (const b of PROBE_LEVELS) colours.push(r, g, b, 255);
    }
  }
  return Uint8Array.from(colours);
}

function setOpaque(pixels: Uint8Array): void {
  for (let index = 3; index < pixels.length; index += 4) pixels[index] = 255;
}

function applyGrayTable(pixels: Uint8Array, table: Uint8Array): void {
  for (let index = 0; index < pixels.length; index += 4) {
    const entry = pixels[index] * 3;
    pixels[index] = table[entry];
    pixels[index + 1] = table[entry + 1];
    pixels[index + 2] = table[entry + 2];
  }
}
