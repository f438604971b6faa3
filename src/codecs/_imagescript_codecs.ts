/** A GIF being written by imagescript's native encoder. */
interface GifEncoder {
  add(pixels: Uint8Array, frame: GifFrameOptions): void;
  finish(options: { repeat: number | null }): Uint8Array;
}

/** Frame options of imagescript's native GIF encoder (its `lib.d.ts`). */
interface GifFrameOptions {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Palette quantisation speed, 1 (slowest) to 10. */
  readonly speed: number;
  readonly quality: number;
  readonly delay: number;
  readonly dispose: "any";
}

/** The parts of imagescript's native codecs (`imagescript/codecs/node`) Tessera uses. */
export interface ImagescriptCodecs {
  readonly gif: { readonly encoder: new (width: number, height: number) => GifEncoder };
  readonly webp: {
    encode_async(
      pixels: Uint8Array,
      options: { width: number; height: number; quality: number },
    ): Promise<Uint8Array>;
  };
}

let codecs: Promise<ImagescriptCodecs> | undefined;

/**
 * Loads imagescript's native Node-API codecs (libwebp, a GIF quantiser and LZW writer) on first
 * use, so that only the threads that encode load the addon.
 *
 * @throws {Error} When the addon has no build for this platform.
 */
export function imagescriptCodecs(): Promise<ImagescriptCodecs> {
  codecs ??= import("imagescript/codecs/node/index.js").then(
    (module) => module.default as ImagescriptCodecs,
  );
  return codecs;
}
