/// <reference lib="deno.worker" />
/**
 * Worker entry for the codec tests: runs every encoder and decoder inside a Web Worker, as the
 * server does, and posts a {@linkcode CodecReport}.
 */
import { decodeImage, encodeImage, jpegCodecInfo, probeImage } from "../../src/codecs/mod.ts";
import type { JpegCodecInfo } from "../../src/codecs/mod.ts";
import type { OutputFormat } from "../../src/iiif/image_request.ts";
import { quadrants } from "./_images.ts";

/** What the worker found. */
export interface CodecReport {
  readonly info: JpegCodecInfo;
  /** Size of a 64×48 image written in each format and read back at its largest scale. */
  readonly roundTrips: Readonly<Record<string, readonly number[]>>;
}

const allocate = (byteLength: number) => new Uint8Array(byteLength);

async function report(): Promise<CodecReport> {
  const info = jpegCodecInfo();
  const roundTrips: Record<string, readonly number[]> = {};
  for (const format of ["jpg", "png", "webp", "gif"] as OutputFormat[]) {
    const encoded = await encodeImage(quadrants(64, 48), {
      format,
      quality: "default",
      jpegQuality: 80,
      subsampling: "420",
    });
    const probed = probeImage(encoded)!;
    const scale = probed.scales[probed.scales.length - 1];
    const decoded = await decodeImage(encoded, probed.format, scale, allocate);
    roundTrips[format] = [decoded.width, decoded.height];
  }
  return { info, roundTrips };
}

self.postMessage(await report());
