import { parseConfig } from "../src/config/mod.ts";
import { type RunningServer, startServer } from "../src/http/mod.ts";

/**
 * A Tessera server for a benchmark: one worker, a free loopback port, no request log, the `bench`
 * disk profile serving `<root>/sources/bench/`, and `settings` on top (paths relative to `root`).
 */
export function benchServer(
  root: string,
  settings: Record<string, unknown>,
): Promise<RunningServer> {
  return startServer(
    parseConfig({
      port: 0,
      image_pool_size: 1,
      source_path: "sources",
      profiles: { bench: { type: "disk" } },
      ...settings,
    }, { file: "(bench)", baseDir: root }),
    { log: () => {} },
  );
}
