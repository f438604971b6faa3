/**
 * Installing what the side-by-side benchmark needs: Debian packages with apt-get (as root, or
 * through `sudo -n`), iiif-processor with npm into a cache folder outside the repository.
 */

/**
 * Installs the Debian packages not yet installed.
 *
 * @returns undefined when all are installed, else why not (for a loud skip message).
 */
export async function ensureDebianPackages(packages: string[]): Promise<string | undefined> {
  const missing: string[] = [];
  for (const name of packages) {
    const query = await quiet("dpkg-query", ["-W", "-f=${Status}", name]);
    if (!query.output.includes("ok installed")) missing.push(name);
  }
  if (missing.length === 0) return undefined;
  console.error(`Installing ${missing.join(", ")} with apt-get`);
  const asRoot = Deno.uid() === 0 ? [] : ["sudo", "-n"];
  const install = await quiet(asRoot[0] ?? "apt-get", [
    ...asRoot.slice(1),
    ...(asRoot.length ? ["apt-get"] : []),
    "install",
    "-y",
    "-qq",
    ...missing,
  ], { DEBIAN_FRONTEND: "noninteractive" });
  return install.success
    ? undefined
    : `apt-get install ${missing.join(" ")} failed: ${install.output.slice(-500)}`;
}

/** Where iiif-processor was installed, and the versions found there. */
export interface NodePeer {
  nodeModules: string;
  versions: { iiifProcessor: string; sharp: string };
}

/**
 * Installs iiif-processor 7 (and with it sharp) under `$XDG_CACHE_HOME/tessera-bench/` (or
 * `~/.cache/…`), once; later runs reuse it.
 *
 * @returns the install, or why there is none (for a loud skip message).
 */
export async function ensureIiifProcessor(): Promise<NodePeer | string> {
  const cache = Deno.env.get("XDG_CACHE_HOME") ?? `${Deno.env.get("HOME") ?? "/tmp"}/.cache`;
  const prefix = `${cache}/tessera-bench/iiif-processor-7`;
  const nodeModules = `${prefix}/node_modules`;
  if (!(await versionOf(nodeModules, "iiif-processor"))) {
    await Deno.mkdir(prefix, { recursive: true });
    console.error(`Installing iiif-processor@7 with npm into ${prefix}`);
    const install = await quiet("npm", [
      "install",
      "--prefix",
      prefix,
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      "iiif-processor@7",
    ]);
    if (!install.success) return `npm install iiif-processor@7 failed: ${install.output}`;
  }
  const iiifProcessor = await versionOf(nodeModules, "iiif-processor");
  const sharp = await versionOf(nodeModules, "sharp");
  if (!iiifProcessor || !sharp) return `iiif-processor or sharp missing from ${nodeModules}`;
  return { nodeModules, versions: { iiifProcessor, sharp } };
}

async function versionOf(nodeModules: string, name: string): Promise<string | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(`${nodeModules}/${name}/package.json`)).version;
  } catch {
    return undefined;
  }
}

/** Runs a command, bounded to 10 minutes; a missing command is a failure, not a throw. */
export async function quiet(
  command: string,
  args: string[],
  env?: Record<string, string>,
): Promise<{ success: boolean; output: string }> {
  try {
    const result = await new Deno.Command(command, {
      args,
      env,
      stdin: "null",
      signal: AbortSignal.timeout(600_000),
    }).output();
    const decoder = new TextDecoder();
    const output = decoder.decode(result.stdout) + decoder.decode(result.stderr);
    return { success: result.success, output };
  } catch (error) {
    return { success: false, output: String(error) };
  }
}
