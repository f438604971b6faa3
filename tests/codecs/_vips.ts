/**
 * libvips's command-line tool (Debian `libvips-tools`), the independent reference for what a
 * viewer shows: it writes the CMYK fixtures and says what their colours are.
 */

/** Runs `vips` with `args`, failing with its message. */
export async function vips(...args: string[]): Promise<void> {
  const output = await new Deno.Command("vips", { args, stderr: "piped" }).output();
  if (!output.success) {
    throw new Error(`vips ${args.join(" ")} failed: ${new TextDecoder().decode(output.stderr)}`);
  }
}

/** Runs `use` with a fresh temporary directory, removed afterwards. */
export async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "tessera-codecs-" });
  try {
    return await use(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
