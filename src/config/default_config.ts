import { join } from "node:path";
import { tmpdir } from "node:os";
import { parseConfig } from "./load_config.ts";
import type { Config } from "./schema.ts";

/**
 * The configuration used when no file is given: it serves the sample images committed under
 * `<projectRoot>/samples/` as the listable profile `samples`, which is also the default profile,
 * and keeps the derivative cache in the OS temporary directory. All other keys take their
 * schema defaults.
 *
 * @param projectRoot The directory holding `samples/`.
 * @param cacheDir The derivative cache directory; defaults to `tessera-cache` in the OS
 *   temporary directory (`$TMPDIR`, else `/tmp` on Linux), shared by runs so warm-ups survive.
 * @returns A validated configuration with absolute paths.
 */
export function defaultConfig(
  projectRoot: string,
  cacheDir: string = join(tmpdir(), "tessera-cache"),
): Config {
  return parseConfig({
    source_path: projectRoot,
    cache_path: cacheDir,
    default_profile: "samples",
    profiles: { samples: { type: "disk", listable: true } },
  }, { file: "(embedded default)", baseDir: Deno.cwd() });
}
