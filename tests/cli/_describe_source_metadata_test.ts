import assert from "node:assert/strict";
import {
  type ColourContext,
  describeSourceMetadata,
  sourceMetadataFields,
} from "../../src/cli/_describe_source_metadata.ts";
import type { SourceMetadata } from "../../src/codecs/mod.ts";

const ADOBE = { bytes: 560, description: "Adobe RGB (1998)", colourSpace: "RGB" };
const MANAGED: ColourContext = { format: "jpeg", colourManaged: true };

/** Metadata, context, and the two lines `tessera info` prints for them. */
const LINES: readonly [string, SourceMetadata, ColourContext, string, string][] = [
  [
    "a turned JPEG with Adobe RGB",
    { orientation: { value: 6, applied: true }, icc: ADOBE },
    MANAGED,
    "6 (turned 90° clockwise; applied)",
    'ICC profile "Adobe RGB (1998)", RGB, 560 bytes (converted to sRGB)',
  ],
  [
    "a TIFF whose orientation is read, not applied",
    { orientation: { value: 8, applied: false } },
    { format: "tiff", colourManaged: true },
    "8 (turned 90° anticlockwise; present, not applied)",
    "no ICC profile (served as sRGB)",
  ],
  [
    "a PNG whose sRGB chunk overrides its profile",
    { icc: { ...ADOBE, overriddenBySrgb: true } },
    { format: "png", colourManaged: true },
    "none (not read from png: shown as stored)",
    'ICC profile "Adobe RGB (1998)", RGB, 560 bytes ' +
    "(not used: an sRGB chunk says the pixels are sRGB)",
  ],
  [
    "a broken profile",
    { orientation: { value: 1, applied: true }, icc: { bytes: 40 } },
    MANAGED,
    "1 (as stored)",
    "ICC profile (description unreadable), colour space unreadable, 40 bytes " +
    "(not used: served as decoded)",
  ],
  [
    "a Lab profile",
    { icc: { ...ADOBE, colourSpace: "Lab" } },
    { format: "webp", colourManaged: true },
    "none (not read from webp: shown as stored)",
    'ICC profile "Adobe RGB (1998)", Lab, 560 bytes (not used: served as decoded)',
  ],
  [
    "an RGB profile without Little CMS",
    { icc: ADOBE },
    { format: "jp2", colourManaged: false },
    "none (not read from jp2: shown as stored)",
    'ICC profile "Adobe RGB (1998)", RGB, 560 bytes (not converted: Little CMS is not loaded)',
  ],
  [
    "a CMYK JPEG without Little CMS",
    { orientation: { value: 1, applied: true }, icc: { ...ADOBE, colourSpace: "CMYK" } },
    { format: "jpeg", colourManaged: false },
    "1 (as stored)",
    'ICC profile "Adobe RGB (1998)", CMYK, 560 bytes ' +
    "(not used: Little CMS is not loaded, CMYK converted by a naive formula)",
  ],
];

for (const [name, metadata, context, orientation, colour] of LINES) {
  Deno.test(`describeSourceMetadata() describes ${name}`, () => {
    assert.equal(
      describeSourceMetadata(metadata, context),
      `  orientation: ${orientation}\n  colour: ${colour}`,
    );
  });
}

Deno.test("sourceMetadataFields() gives null for what is absent or unreadable", () => {
  assert.deepEqual(sourceMetadataFields({}, MANAGED), { orientation: null, icc: null });
  const broken = { orientation: { value: 3, applied: true } as const, icc: { bytes: 7 } };
  assert.deepEqual(sourceMetadataFields(broken, MANAGED), {
    orientation: { value: 3, applied: true, meaning: "turned 180°" },
    icc: {
      description: null,
      colourSpace: null,
      bytes: 7,
      handling: "not used: served as decoded",
    },
  });
});
