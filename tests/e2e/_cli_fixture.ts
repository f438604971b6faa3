import assert from "node:assert/strict";

async function readUntil(reader: ReadableStreamDefaultReader<string>, pattern: RegExp) {
  let text = "";
  while (!pattern.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`Output ended before ${pattern}: ${text}`);
    text += value;
  }
  return text.match(pattern)!;
}

/** Writes a config serving the folder `sources` as the listable default profile `samples`. */
export async function withConfigFile(
  sources: string,
  body: (config: string) => Promise<void>,
  extra = "",
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tessera-cli-" });
  const config = `${dir}/tessera.yml`;
  await Deno.writeTextFile(
    config,
    `port: 0\nimage_pool_size: 1\nsource_path: ${sources}\ncache_path: cache\n${extra}` +
      `default_profile: samples\nprofiles:\n  samples:\n    type: disk\n    listable: true\n`,
  );
  try {
    await body(config);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * Runs `tessera serve` from the checkout (or copy) at `root`, hands its URL and start-up output
 * to `body`, then sends SIGTERM and expects a clean exit.
 */
export async function withCli(
  options: { root: string; config: string; env?: Record<string, string> },
  body: (url: string, output: string) => Promise<void>,
): Promise<void> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${options.root}/main.ts`, "serve", "--config", options.config],
    cwd: options.root,
    env: options.env,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  try {
    const match = await readUntil(stderr, /listening on (http:\/\/127\.0\.0\.1:\d+)\//);
    await body(match[1], match.input!);
    child.kill("SIGTERM");
    assert.equal((await child.status).code, 0);
  } finally {
    await stderr.cancel();
  }
}
