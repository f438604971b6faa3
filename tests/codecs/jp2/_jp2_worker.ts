/// <reference lib="deno.worker" />
/**
 * Worker entry for the JPEG 2000 tests: loads OpenJPEG in a Web Worker, as the server's workers
 * do, decodes level 1 of the file it is sent, and posts the library state and the pixels, or
 * the error's name and message.
 */
import { jp2Library, openJp2 } from "../../../src/codecs/jp2/mod.ts";
import { allocate, MemorySource, pixels } from "./_jp2_fixtures.ts";

/** What the worker posts back. */
export interface Jp2WorkerReport {
  readonly available: boolean;
  readonly warning?: string;
  readonly pixels?: Uint8Array;
  readonly error?: string;
}

self.onmessage = async (event: MessageEvent<Uint8Array>) => {
  const library = jp2Library();
  try {
    const reader = await openJp2(new MemorySource(event.data));
    const { width, height } = reader.levels[1];
    const raster = await reader.readRegion(1, { x: 0, y: 0, width, height }, allocate);
    self.postMessage({ ...library, pixels: pixels(raster) } satisfies Jp2WorkerReport);
  } catch (error) {
    const { name, message } = error as Error;
    self.postMessage({ ...library, error: `${name}: ${message}` } satisfies Jp2WorkerReport);
  }
};
