import { spawnGroup } from "./process_group.ts";
import { freeLoopbackPort, type RunningServer, type ServerKind } from "./server_kind.ts";

/** Where Debian's `iipimage-server` package puts the FastCGI binary. */
export const IIPSRV = "/usr/lib/iipimage-server/iipsrv.fcgi";
const TEMPLATE = new URL("./lighttpd.conf.template", import.meta.url);
const START_TIMEOUT_MS = 15_000;

/** iipsrv's default in-memory cache of encoded tiles, in MB (`MAX_IMAGE_CACHE_SIZE`). */
const DEFAULT_TILE_CACHE_MB = 10;

/**
 * IIPImage (Debian `iipimage-server`) behind lighttpd over FastCGI, one iipsrv process per core,
 * serving the files of `imageFolder` through its Image API 2 endpoint (`?IIIF=`). Without
 * `tileCache`, its in-memory cache of encoded tiles is off: the peer of Tessera without its
 * derivative cache (both then make every tile they answer).
 */
export function iipImageKind(
  workDir: string,
  imageFolder: string,
  version: string,
  tileCache = true,
): ServerKind {
  const processes = navigator.hardwareConcurrency;
  const tileCacheMb = tileCache ? DEFAULT_TILE_CACHE_MB : 0;
  return {
    label: `IIPImage ${version}${tileCache ? "" : ", tile cache off"}`,
    setup: `iipsrv ${version} (Debian) under lighttpd FastCGI, ${processes} processes, ` +
      `defaults but JPEG quality 85${tileCache ? "" : " and `MAX_IMAGE_CACHE_SIZE=0`"}; ` +
      "Image API 2",
    reads: (fileName) => /\.tiff?$/.test(fileName),
    path: (fileName, tail) => `/fcgi-bin/iipsrv.fcgi?IIIF=${fileName}/${tail}`,
    start: () => startLighttpd(workDir, imageFolder, processes, tileCacheMb),
  };
}

async function startLighttpd(
  workDir: string,
  imageFolder: string,
  processes: number,
  tileCacheMb: number,
): Promise<RunningServer> {
  const serverDir = await Deno.makeTempDir({ dir: workDir, prefix: "lighttpd-" });
  const port = freeLoopbackPort();
  const values: Record<string, string> = {
    port: String(port),
    work_dir: serverDir,
    iipsrv: IIPSRV,
    processes: String(processes),
    images: imageFolder,
    tile_cache_mb: String(tileCacheMb),
  };
  const template = await Deno.readTextFile(TEMPLATE);
  const config = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name]);
  await Deno.writeTextFile(`${serverDir}/lighttpd.conf`, config);
  const process = spawnGroup("lighttpd", ["-D", "-f", `${serverDir}/lighttpd.conf`]);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(`${baseUrl}/fcgi-bin/iipsrv.fcgi?IIIF=`);
    return { pid: process.pid, baseUrl, stop: process.stop };
  } catch (error) {
    await process.stop();
    throw new Error(`lighttpd did not start: ${process.output.join("\n")}`, { cause: error });
  }
}

/** lighttpd prints nothing when ready, so poll until it answers at all. */
async function waitUntilAnswering(url: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      await (await fetch(url)).body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not answer within ${START_TIMEOUT_MS} ms`);
}
