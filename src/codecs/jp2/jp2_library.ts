import { messageOf } from "../_message_of.ts";
import { UnsupportedSourceError } from "../errors.ts";
import { OPENJPEG_SYMBOLS } from "./_openjpeg_api.ts";

/** OpenJPEG's symbols, as `Deno.dlopen` binds them. */
export type OpenJpegSymbols = Deno.DynamicLibrary<typeof OPENJPEG_SYMBOLS>["symbols"];

/** Whether this thread can decode JPEG 2000, and why not. */
export interface Jp2Library {
  readonly available: boolean;
  /** Set when OpenJPEG could not be loaded: the server logs it once at start. */
  readonly warning?: string;
}

/** Where OpenJPEG is looked for, unless the environment says. */
const DEFAULT_OPENJPEG_PATH = "libopenjp2.so.7";

type Loaded = { readonly symbols: OpenJpegSymbols } | { readonly warning: string };

let loaded: Loaded | undefined;

/**
 * Loads OpenJPEG once per thread, from `TESSERA_OPENJPEG_PATH` (default `libopenjp2.so.7`), and
 * says whether it is there. Without it JPEG 2000 sources are answered with 415.
 *
 * @example Usage
 * ```ts
 * import { jp2Library } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const library = jp2Library();
 * assert.equal(library.available, library.warning === undefined);
 * ```
 *
 * @returns The same answer on every call in a thread.
 */
export function jp2Library(): Jp2Library {
  const library = load();
  return "symbols" in library ? { available: true } : { available: false, ...library };
}

/**
 * OpenJPEG's symbols for this thread.
 *
 * @throws {UnsupportedSourceError} When the library could not be loaded, naming the package.
 */
export function openJpegSymbols(): OpenJpegSymbols {
  const library = load();
  if ("symbols" in library) return library.symbols;
  throw new UnsupportedSourceError(library.warning);
}

function load(): Loaded {
  if (loaded !== undefined) return loaded;
  const path = Deno.env.get("TESSERA_OPENJPEG_PATH") ?? DEFAULT_OPENJPEG_PATH;
  try {
    loaded = { symbols: Deno.dlopen(path, OPENJPEG_SYMBOLS).symbols };
  } catch (error) {
    loaded = {
      warning: `Cannot read JPEG 2000 sources: OpenJPEG could not be loaded from "${path}" ` +
        `(${messageOf(error)}); install the Debian package libopenjp2-7 (OpenJPEG 2.5 or ` +
        "newer) or set TESSERA_OPENJPEG_PATH",
    };
  }
  return loaded;
}
