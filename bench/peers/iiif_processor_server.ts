import { spawnGroup } from "./process_group.ts";
import type { RunningServer, ServerKind } from "./server_kind.ts";

const APP = new URL("./iiif_processor_app.cjs", import.meta.url).pathname;
const START_TIMEOUT_MS = 15_000;

/**
 * `iiif-processor` (npm, on sharp/libvips) in the few lines of Node of iiif_processor_app.cjs,
 * loaded from `nodeModules` (an install outside the repository).
 */
export function iiifProcessorKind(
  imageFolder: string,
  nodeModules: string,
  versions: { iiifProcessor: string; sharp: string },
): ServerKind {
  return {
    label: `iiif-processor ${versions.iiifProcessor}`,
    setup: `iiif-processor ${versions.iiifProcessor} on sharp ${versions.sharp}, one Node ` +
      "process, its defaults (no dimension function, so every request reads the header); Image API 3",
    reads: () => true,
    path: (fileName, tail) => `/iiif/3/${fileName}/${tail}`,
    start: () => startNode(imageFolder, nodeModules),
  };
}

async function startNode(imageFolder: string, nodeModules: string): Promise<RunningServer> {
  const process = spawnGroup("node", [APP, imageFolder], { env: { NODE_PATH: nodeModules } });
  try {
    const match = await process.waitForLine(/^(\d+)$/, START_TIMEOUT_MS);
    return { pid: process.pid, baseUrl: `http://127.0.0.1:${match[1]}`, stop: process.stop };
  } catch (error) {
    await process.stop();
    throw new Error(`the iiif-processor app did not start: ${process.output.join("\n")}`, {
      cause: error,
    });
  }
}
