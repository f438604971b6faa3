import type { JpegCodec, JpegCodecInfo } from "./jpeg_codec.ts";
import { TurboJpeg } from "./turbojpeg.ts";
import { WasmJpeg } from "./wasm_jpeg.ts";

/** Where libjpeg-turbo's TurboJPEG library is looked for, unless the environment says. */
const DEFAULT_TURBOJPEG_PATH = "libturbojpeg.so.0";

let selected: { readonly codec: JpegCodec; readonly warning?: string } | undefined;

/**
 * The JPEG codec this thread uses: libjpeg-turbo, opened once per thread from
 * `TESSERA_TURBOJPEG_PATH` (default `libturbojpeg.so.0`), or the wasm codec when that fails.
 *
 * @returns The same codec on every call in a thread.
 */
export function activeJpegCodec(): JpegCodec {
  return select().codec;
}

/**
 * Which JPEG codec is in use and which decode scales it offers. `warning` is set when
 * libjpeg-turbo could not be loaded: the server logs it once at start.
 *
 * @example Usage
 * ```ts
 * import { jpegCodecInfo } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const info = jpegCodecInfo();
 * assert.equal(info.scales[0], 1);
 * assert.equal(info.name === "wasm", info.warning !== undefined);
 * ```
 */
export function jpegCodecInfo(): JpegCodecInfo {
  const { codec, warning } = select();
  return warning === undefined
    ? { name: codec.name, scales: codec.scales }
    : { name: codec.name, scales: codec.scales, warning };
}

function select(): { readonly codec: JpegCodec; readonly warning?: string } {
  if (selected !== undefined) return selected;
  const path = Deno.env.get("TESSERA_TURBOJPEG_PATH") ?? DEFAULT_TURBOJPEG_PATH;
  try {
    selected = { codec: TurboJpeg.open(path) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    selected = {
      codec: new WasmJpeg(),
      warning: `Cannot load libjpeg-turbo from "${path}" (${reason}): JPEG falls back to a ` +
        "slower wasm codec without DCT-scaled decoding; install libturbojpeg0 or set " +
        "TESSERA_TURBOJPEG_PATH",
    };
  }
  return selected;
}
