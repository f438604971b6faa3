/**
 * Started as a subprocess with `TESSERA_LCMS2_PATH` pointing nowhere: prints what
 * `colourManagementInfo()` says and what the conversions did, as JSON.
 */
import { cmykToSrgb, colourManagementInfo, convertToSrgb } from "../../../src/codecs/colour/mod.ts";
import { adobeRgbProfile } from "./_icc_profiles.ts";

const rgb = { width: 1, height: 1, data: new Uint8Array([50, 150, 50, 255]) };
const cmyk = { width: 1, height: 1, data: new Uint8Array([255, 0, 0, 0]) };
const converted = convertToSrgb(rgb, adobeRgbProfile());
cmykToSrgb(cmyk, { profile: adobeRgbProfile(), inverted: false });
console.log(JSON.stringify({
  info: colourManagementInfo(),
  converted,
  rgb: [...rgb.data],
  cmyk: [...cmyk.data],
}));
