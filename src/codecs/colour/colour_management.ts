import { LittleCms } from "./little_cms.ts";
import { SrgbConverter } from "./srgb_converter.ts";

/** Where Little CMS 2 is looked for, unless the environment says. */
const DEFAULT_LCMS2_PATH = "liblcms2.so.2";

/** Whether this thread converts embedded ICC profiles to sRGB. */
export interface ColourManagementInfo {
  readonly available: boolean;
  /** Why not: to be logged once at start. */
  readonly warning?: string;
}

let selected: { readonly converter?: SrgbConverter; readonly warning?: string } | undefined;

/**
 * This thread's converter to sRGB: Little CMS 2, opened once per thread from
 * `TESSERA_LCMS2_PATH` (default `liblcms2.so.2`).
 *
 * @returns The same converter on every call in a thread, or `undefined` when lcms2 cannot be
 * loaded (pixels are then served as decoded).
 */
export function activeSrgbConverter(): SrgbConverter | undefined {
  return select().converter;
}

/**
 * Whether embedded ICC profiles are converted to sRGB in this thread. `warning` is set when
 * Little CMS 2 could not be loaded: the server logs it once at start.
 *
 * @example Usage
 * ```ts
 * import { colourManagementInfo } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const info = colourManagementInfo();
 * assert.equal(info.available, info.warning === undefined);
 * ```
 */
export function colourManagementInfo(): ColourManagementInfo {
  const { converter, warning } = select();
  return warning === undefined
    ? { available: converter !== undefined }
    : { available: false, warning };
}

function select(): { readonly converter?: SrgbConverter; readonly warning?: string } {
  if (selected !== undefined) return selected;
  const path = Deno.env.get("TESSERA_LCMS2_PATH") ?? DEFAULT_LCMS2_PATH;
  try {
    selected = { converter: new SrgbConverter(LittleCms.open(path)) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    selected = {
      warning: `Cannot load Little CMS from "${path}" (${reason}): images with an embedded ` +
        "colour profile (Adobe RGB, CMYK…) are served without conversion to sRGB, CMYK with a " +
        "naive formula; install liblcms2-2 or set TESSERA_LCMS2_PATH",
    };
  }
  return selected;
}
