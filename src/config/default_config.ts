import { join } from "node:path";
import { homedir, tmpdir, userInfo } from "node:os";
import { parseConfig } from "./load_config.ts";
import type { Config } from "./schema.ts";

/**
 * The configuration used when no file is given: it serves the sample images committed under
 * `<projectRoot>/samples/` as the listable profile `samples`, which is also the default profile,
 * and keeps the derivative cache in the user's cache directory. All other keys take their
 * schema defaults.
 *
 * @param projectRoot The directory holding `samples/`.
 * @param cacheDir The derivative cache directory; defaults to `$XDG_CACHE_HOME/tessera` or
 *   `~/.cache/tessera`, kept between runs so warm-ups survive.
 * @returns A validated configuration with absolute paths.
 */
export function defaultConfig(
  projectRoot: string,
  cacheDir: string = userCacheDir(),
): Config {
  return parseConfig({
    source_path: projectRoot,
    cache_path: cacheDir,
    default_profile: "samples",
    profiles: { samples: { type: "disk", listable: true } },
  }, { file: "(embedded default)", baseDir: Deno.cwd() });
}

/**
 * `$XDG_CACHE_HOME/tessera`, else `~/.cache/tessera`: private to the user, unlike a fixed name in
 * the shared `/tmp` that another local user could create first. Without a home directory, a
 * per-user folder in the OS temporary directory.
 */
function userCacheDir(): string {
  const xdg = Deno.env.get("XDG_CACHE_HOME");
  // The XDG spec says a relative value is invalid and must be ignored.
  if (xdg?.startsWith("/")) return join(xdg, "tessera");
  const home = homedir();
  return home ? join(home, ".cache", "tessera") : join(tmpdir(), `tessera-cache-${userInfo().uid}`);
}
