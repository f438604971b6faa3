import type { Rendered } from "../cache/mod.ts";

/**
 * The `Server-Timing` value of an image response: total time, the worker's stages when a job ran,
 * whether the derivative cache answered, which backend made the pixels, and why a GPU job fell
 * back to the CPU (a short token such as `timeout`: the details are in the worker's log).
 */
export function serverTiming(rendered: Rendered, totalMs: number): string {
  const parts = [`total;dur=${totalMs.toFixed(1)}`, `cache;desc="${rendered.cache}"`];
  const timings = rendered.timings;
  if (timings) {
    parts.push(
      `read;dur=${timings.readMs.toFixed(1)}`,
      `decode;dur=${timings.decodeMs.toFixed(1)}`,
      `ops;dur=${timings.opsMs.toFixed(1)}`,
      `encode;dur=${timings.encodeMs.toFixed(1)}`,
      `source;desc="${timings.source}"`,
    );
  }
  if (rendered.backend) parts.push(`backend;desc="${rendered.backend}"`);
  if (rendered.fallback) parts.push(`fallback;desc="${rendered.fallback}"`);
  return parts.join(", ");
}
