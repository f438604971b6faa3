import { parseConfig } from "../../src/config/mod.ts";
import { createHandler, loadProfileAccess } from "../../src/http/mod.ts";
import { SourceRegistry } from "../../src/sources/mod.ts";
import { FAKE_CACHE_STATS, FAKE_POOL_STATS } from "./_fake_app.ts";

/**
 * The real handler over real disk profiles in a temporary folder; no workers: an image's body is
 * its plan's canonical path as text.
 */
export interface DiskApp {
  /** Calls the handler in process; `path` is relative to `http://tessera.test`. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** `<root>/sources`, holding one folder per profile. */
  readonly sourcePath: string;
  readonly root: string;
}

/**
 * Runs `body` against a handler whose disk profiles `pub` (downloadable, the default profile)
 * and `priv` (not downloadable) live in a fresh temporary folder, removed afterwards. `setup`
 * fills the profile folders before the sources are read.
 */
export async function withDiskApp(
  options: { config?: Record<string, unknown>; setup: (sourcePath: string) => Promise<void> },
  body: (app: DiskApp) => Promise<void>,
): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "tessera-http-" });
  try {
    const sourcePath = `${root}/sources`;
    await Deno.mkdir(`${sourcePath}/pub`, { recursive: true });
    await Deno.mkdir(`${sourcePath}/priv`, { recursive: true });
    await options.setup(sourcePath);
    const config = parseConfig({
      source_path: "sources",
      default_profile: "pub",
      profiles: { pub: { type: "disk", downloadable: true }, priv: { type: "disk" } },
      ...options.config,
    }, { file: "(test config)", baseDir: root });
    const handle = createHandler({
      config,
      sources: new SourceRegistry(config),
      renderer: {
        render: (_key, plan) =>
          Promise.resolve({ body: new TextEncoder().encode(plan.canonical), cache: "miss" }),
        stats: () => FAKE_CACHE_STATS,
        purge: () => Promise.resolve(0),
        purgeMemory: () => {},
      },
      pool: { stats: () => FAKE_POOL_STATS, throwIfFull: () => {} },
      startedAt: 0,
      profileAccess: await loadProfileAccess(config),
    }, () => {});
    const request = (path: string, init?: RequestInit) =>
      handle(new Request(`http://tessera.test${path}`, init));
    await body({ request, sourcePath, root });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
