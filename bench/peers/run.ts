/**
 * Tessera side by side with IIPImage (Debian iipimage-server behind lighttpd) and iiif-processor
 * (npm, on sharp), on the same corpus and machine: every server is started, driven with wrk for
 * a bounded time per scenario, and stopped. Installs what it needs (apt-get, npm outside the
 * repository); a peer that cannot be installed or started is skipped with a loud message and
 * named in the results. Writes `bench/results/<date>.md` and prints it.
 *
 * Run: `deno task bench:peers` (part of `deno task bench`). `--seconds N` sets the wrk time per
 * scenario (default 5; the whole run then takes about 5 minutes on 2 cores).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { buildCorpus } from "./corpus.ts";
import { iiifProcessorKind } from "./iiif_processor_server.ts";
import { iipImageKind, IIPSRV } from "./iipimage_server.ts";
import { ensureDebianPackages, ensureIiifProcessor, quiet } from "./install_peers.ts";
import { type Measurement, measureServer } from "./measure.ts";
import { renderReport } from "./report.ts";
import { scenarios } from "./scenarios.ts";
import type { ServerKind } from "./server_kind.ts";
import { tesseraKind } from "./tessera_server.ts";

const RESULTS = new URL("../results/", import.meta.url).pathname;
const COMMAND = "deno task bench:peers";

async function main(seconds: number): Promise<void> {
  const required = await ensureDebianPackages(["wrk", "libvips-tools"]);
  if (required) throw new Error(`Cannot benchmark without wrk and vips: ${required}`);
  const machine = await describeMachine();
  const workDir = await Deno.makeTempDir({ prefix: "tessera-peers-" });
  try {
    console.error(`Building the corpus in ${workDir}`);
    const corpus = await buildCorpus(`${workDir}/sources/bench`);
    const skipped: string[] = [];
    const kinds = [
      tesseraKind(workDir, true),
      tesseraKind(workDir, false),
      ...await peerKinds(workDir, corpus.folder, skipped),
    ];
    const measurements: Measurement[] = [];
    for (const kind of kinds) {
      console.error(`Measuring ${kind.label}`);
      try {
        measurements.push(...await measureServer(kind, scenarios(corpus), seconds, workDir));
      } catch (error) {
        loudSkip(skipped, `${kind.label} failed mid-run: ${(error as Error).message}`);
      }
    }
    const date = new Date().toISOString().slice(0, 10);
    const report = renderReport(measurements, {
      date,
      machine,
      seconds,
      command: COMMAND,
      setups: new Map(kinds.map((kind) => [kind.label, kind.setup])),
      skipped,
    });
    await Deno.mkdir(RESULTS, { recursive: true });
    await Deno.writeTextFile(`${RESULTS}${date}.md`, report);
    console.log(report);
    console.error(`Written to bench/results/${date}.md`);
  } finally {
    await Deno.remove(workDir, { recursive: true });
  }
}

async function peerKinds(
  workDir: string,
  imageFolder: string,
  skipped: string[],
): Promise<ServerKind[]> {
  const kinds: ServerKind[] = [];
  const iipMissing = await ensureDebianPackages(["iipimage-server", "lighttpd"]);
  if (iipMissing) loudSkip(skipped, `IIPImage: ${iipMissing}`);
  else {
    const version = await debianVersion("iipimage-server");
    kinds.push(
      iipImageKind(workDir, imageFolder, version),
      iipImageKind(workDir, imageFolder, version, false),
    );
  }
  const node = await ensureIiifProcessor();
  if (typeof node === "string") loudSkip(skipped, `iiif-processor: ${node}`);
  else kinds.push(iiifProcessorKind(imageFolder, node.nodeModules, node.versions));
  return kinds;
}

function loudSkip(skipped: string[], reason: string): void {
  skipped.push(reason);
  console.error(`\n${"!".repeat(72)}\n!! SKIPPED ${reason}\n${"!".repeat(72)}\n`);
}

async function debianVersion(name: string): Promise<string> {
  const query = await quiet("dpkg-query", ["-W", "-f=${Version}", name]);
  // "1.1-2+b1" → "1.1": the upstream version is what readers compare.
  return query.output.split("-")[0] || IIPSRV;
}

async function describeMachine(): Promise<string> {
  const cpu = (await Deno.readTextFile("/proc/cpuinfo")).match(/^model name\s*:\s*(.+)$/m)?.[1];
  const memory = (await Deno.readTextFile("/proc/meminfo")).match(/^MemTotal:\s+(\d+)/m)?.[1];
  const debian = (await Deno.readTextFile("/etc/debian_version").catch(() => "?")).trim();
  return `${navigator.hardwareConcurrency} cores (${cpu ?? "unknown CPU"}), ` +
    `${Math.round(Number(memory) / 2 ** 20)} GB, Debian ${debian}, Linux ${Deno.osRelease()}, ` +
    `Deno ${Deno.version.deno}, no GPU used`;
}

if (import.meta.main) {
  const { values } = parseArgs({ args: Deno.args, options: { seconds: { type: "string" } } });
  await main(Number(values.seconds ?? 5));
}
