import {
  convertsFromIccSpace,
  EXIF_ORIENTATION_NAMES,
  type SourceFormat,
  type SourceIccProfile,
  type SourceMetadata,
  type SourceOrientation,
} from "../codecs/mod.ts";

/** The formats whose decoders read CMYK and convert it (`cmykToSrgb`); GIF carries no profile. */
const CMYK_FORMATS: ReadonlySet<SourceFormat> = new Set(["jpeg", "tiff"]);

/** Whether this process converts profiles (Little CMS loaded), and the source's format. */
export interface ColourContext {
  readonly format: SourceFormat;
  readonly colourManaged: boolean;
}

/** The fields `tessera info --json` adds to the probe. */
export interface SourceMetadataFields {
  readonly orientation: (SourceOrientation & { readonly meaning: string }) | null;
  readonly icc: {
    readonly description: string | null;
    readonly colourSpace: string | null;
    readonly bytes: number;
    /** What Tessera does with it: "converted to sRGB", "not used: …". */
    readonly handling: string;
  } | null;
}

/**
 * The `orientation:` and `colour:` lines of `tessera info`, indented under the first line.
 *
 * @param metadata What the header says about orientation and colour.
 * @param context The format, and whether Little CMS is loaded.
 */
export function describeSourceMetadata(metadata: SourceMetadata, context: ColourContext): string {
  const { orientation, icc } = metadata;
  const colour = icc === undefined
    ? "no ICC profile (served as sRGB)"
    : `ICC profile ${profileName(icc)}, ${icc.bytes} bytes (${iccHandling(icc, context)})`;
  return [
    `  orientation: ${describeOrientation(orientation, context.format)}`,
    `  colour: ${colour}`,
  ].join("\n");
}

/**
 * The `orientation` and `icc` fields `tessera info --json` adds: `null` when absent, and `null`
 * for a profile's description or colour space when unreadable.
 *
 * @param metadata What the header says about orientation and colour.
 * @param context The format, and whether Little CMS is loaded.
 */
export function sourceMetadataFields(
  metadata: SourceMetadata,
  context: ColourContext,
): SourceMetadataFields {
  const { orientation, icc } = metadata;
  return {
    orientation: orientation === undefined
      ? null
      : { ...orientation, meaning: EXIF_ORIENTATION_NAMES[orientation.value] },
    icc: icc === undefined ? null : {
      description: icc.description ?? null,
      colourSpace: icc.colourSpace ?? null,
      bytes: icc.bytes,
      handling: iccHandling(icc, context),
    },
  };
}

function describeOrientation(
  orientation: SourceOrientation | undefined,
  format: SourceFormat,
): string {
  if (orientation === undefined) return `none (not read from ${format}: shown as stored)`;
  const { value, applied } = orientation;
  const name = EXIF_ORIENTATION_NAMES[value];
  if (value === 1) return `1 (${name})`;
  return `${value} (${name}; ${applied ? "applied" : "present, not applied"})`;
}

function profileName(icc: SourceIccProfile): string {
  const description = icc.description === undefined
    ? "(description unreadable)"
    : JSON.stringify(icc.description);
  return `${description}, ${icc.colourSpace ?? "colour space unreadable"}`;
}

/** Whether the decoder of `format` converts a profile of colour space `space`. */
function convertedSpace(space: string, format: SourceFormat): boolean {
  if (format === "gif") return false;
  return convertsFromIccSpace(space) || (space === "CMYK" && CMYK_FORMATS.has(format));
}

/** What Tessera does with the profile, as its decoders do. */
function iccHandling(icc: SourceIccProfile, context: ColourContext): string {
  if (icc.overriddenBySrgb) return "not used: an sRGB chunk says the pixels are sRGB";
  const space = icc.colourSpace;
  if (space === undefined || !convertedSpace(space, context.format)) {
    return "not used: served as decoded";
  }
  if (context.colourManaged) return "converted to sRGB";
  return space === "CMYK"
    ? "not used: Little CMS is not loaded, CMYK converted by a naive formula"
    : "not converted: Little CMS is not loaded";
}
