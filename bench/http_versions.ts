/**
 * HTTP/1.1 against HTTP/2 on Tessera with TLS, the way a deep-zoom viewer loads tiles: a browser
 * opens six HTTP/1.1 connections to a host and waits for each answer before the next request on
 * it, or one HTTP/2 connection carrying many requests at once. h2load (Debian nghttp2-client)
 * drives both, for a bounded time each, over every full-resolution tile of the 6000×4000 pyramid
 * and, separately, its `!200,200` thumbnail (the derivative cache as configured by default).
 * Prints a Markdown table of requests per second and mean latency.
 *
 * Run: `deno run -A bench/http_versions.ts [--seconds N]` (part of `deno task bench`).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { buildCorpus } from "./peers/corpus.ts";
import { ensureDebianPackages } from "./peers/install_peers.ts";
import { tileTails } from "./peers/scenarios.ts";
import { tesseraKind } from "./peers/tessera_server.ts";

/** How a browser talks to one host: six HTTP/1.1 connections, or one HTTP/2 connection. */
const CLIENTS = [
  { label: "HTTP/1.1, 6 connections", args: ["--h1", "--clients=6", "--max-concurrent-streams=1"] },
  {
    label: "HTTP/2, 1 connection, 32 streams",
    args: ["--clients=1", "--max-concurrent-streams=32"],
  },
] as const;

interface H2loadFigures {
  readonly requestsPerSecond: number;
  readonly meanMs: number;
  readonly failed: number;
}

async function main(seconds: number): Promise<void> {
  const missing = await ensureDebianPackages(["nghttp2-client", "libvips-tools", "openssl"]);
  if (missing) throw new Error(`Cannot run without h2load, vips and openssl: ${missing}`);
  const workDir = await Deno.makeTempDir({ prefix: "tessera-http2-" });
  try {
    const corpus = await buildCorpus(`${workDir}/sources/bench`);
    const tls = await selfSignedCertificate(workDir);
    const server = await tesseraKind(workDir, true, {}, { tls }).start();
    try {
      const base = server.baseUrl;
      const path = (tail: string) => `${base}/iiif/3/bench:${corpus.photoTiff}/${tail}`;
      const requests: [string, string[]][] = [
        ["256² tiles, full resolution, all 384", tileTails(6000, 4000, 1).map(path)],
        ["`!200,200` thumbnail", [path("full/!200,200/0/default.jpg")]],
      ];
      console.log("| Request | Client | req/s | mean ms | failed |");
      console.log("| --- | --- | --- | --- | --- |");
      for (const [request, urls] of requests) {
        for (const client of CLIENTS) {
          const figures = await runH2load(urls, client.args, seconds, workDir);
          console.log(
            `| ${request} | ${client.label} | ${figures.requestsPerSecond.toFixed(0)} | ` +
              `${figures.meanMs.toFixed(2)} | ${figures.failed} |`,
          );
        }
      }
    } finally {
      await server.stop();
    }
  } finally {
    await Deno.remove(workDir, { recursive: true });
  }
}

/** A throwaway key and self-signed certificate for 127.0.0.1 (h2load does not verify it). */
async function selfSignedCertificate(
  dir: string,
): Promise<{ cert_file: string; key_file: string }> {
  const [cert_file, key_file] = [`${dir}/cert.pem`, `${dir}/key.pem`];
  const result = await new Deno.Command("openssl", {
    args: [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      key_file,
      "-out",
      cert_file,
      "-subj",
      "/CN=127.0.0.1",
      "-days",
      "1",
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!result.success) throw new Error(new TextDecoder().decode(result.stderr));
  return { cert_file, key_file };
}

/**
 * One h2load run over `urls` (cycled) for `seconds` after a one-second warm-up; killed if it has
 * not exited 40 s later.
 */
async function runH2load(
  urls: string[],
  clientArgs: readonly string[],
  seconds: number,
  workDir: string,
): Promise<H2loadFigures> {
  const list = await Deno.makeTempFile({ dir: workDir, suffix: ".txt" });
  await Deno.writeTextFile(list, urls.join("\n") + "\n");
  const result = await new Deno.Command("h2load", {
    args: [...clientArgs, "--threads=1", "--warm-up-time=1", `--duration=${seconds}`, "-i", list],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout((seconds + 41) * 1000),
  }).output();
  const text = new TextDecoder().decode(result.stdout);
  const rate = text.match(/finished in [\d.]+s, ([\d.]+) req\/s/);
  const counts = text.match(
    /requests: \d+ total, \d+ started, \d+ done, \d+ succeeded, (\d+) failed/,
  );
  const mean = text.match(/time for request:\s+\S+\s+\S+\s+(\S+)/);
  if (!result.success || !rate || !counts || !mean) {
    throw new Error(`h2load failed: ${text}${new TextDecoder().decode(result.stderr)}`);
  }
  return {
    requestsPerSecond: Number(rate[1]),
    meanMs: milliseconds(mean[1]),
    failed: Number(counts[1]),
  };
}

/** h2load's durations carry their unit: "1.23ms", "850us", "1.02s". */
function milliseconds(text: string): number {
  const value = parseFloat(text);
  if (text.endsWith("us")) return value / 1000;
  if (text.endsWith("ms")) return value;
  return value * 1000;
}

if (import.meta.main) {
  const { values } = parseArgs({ args: Deno.args, options: { seconds: { type: "string" } } });
  await main(Number(values.seconds ?? 5));
}
