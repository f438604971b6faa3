import type { Measurement } from "./measure.ts";

/** What the results file says about the run besides the figures. */
export interface RunContext {
  date: string;
  machine: string;
  seconds: number;
  command: string;
  /** Server label → how it was set up. */
  setups: Map<string, string>;
  /** Peers that could not be measured, with why. */
  skipped: string[];
}

const TESSERA = "Tessera";
const TESSERA_NO_CACHE = "Tessera, no derivative cache";

/** The results file: the ratio summary, then every figure. */
export function renderReport(measurements: Measurement[], context: RunContext): string {
  const peers = [...context.setups.keys()].filter((label) => !label.startsWith(TESSERA));
  return [
    `# Tessera beside other IIIF servers, ${context.date}`,
    "",
    `Machine: ${context.machine}.`,
    "",
    `Produced by \`${context.command}\`: wrk with 2 threads and 8 connections for`,
    `${context.seconds} s per scenario, every server on loopback, started and stopped by the`,
    "script, one at a time, after one second of info.json requests. CPU is the server's process",
    "tree (user + system), peak RSS its `VmHWM` reset before each scenario. Shared 2-core",
    "machines are noisy: read the ratios.",
    "",
    ...[...context.setups].map(([label, setup]) => `- ${label}: ${setup}`),
    ...context.skipped.map((reason) => `- NOT MEASURED: ${reason}`),
    "",
    "## Requests per second, and Tessera's ratio to each peer",
    "",
    renderSummary(measurements, peers),
    "",
    "## Cold requests: the first image request after a start (median of 3 restarts)",
    "",
    renderCold(measurements, [TESSERA, TESSERA_NO_CACHE, ...peers]),
    "",
    "## Every figure",
    "",
    renderDetails(measurements),
    "",
  ].join("\n");
}

/**
 * One line per load scenario: requests/s per server, then Tessera's throughput over each peer's
 * (with the derivative cache / without it).
 */
export function renderSummary(measurements: Measurement[], peers: string[]): string {
  const servers = [TESSERA, TESSERA_NO_CACHE, ...peers];
  const header = ["Source", "Request", ...servers.map((label) => `${label} req/s`)];
  header.push(...peers.map((peer) => `Tessera ÷ ${peer} (cache / no cache)`));
  const rows = scenarioKeys(measurements, "load").map((key) => {
    const row = rowOf(measurements, key);
    const rate = (label: string) => row.get(label)?.requestsPerSecond;
    const ratios = peers.map((peer) =>
      `${ratio(rate(TESSERA), rate(peer))} / ${ratio(rate(TESSERA_NO_CACHE), rate(peer))}`
    );
    return [...key.split("\t"), ...servers.map((label) => cell(row.get(label))), ...ratios];
  });
  return table(header, rows);
}

function renderCold(measurements: Measurement[], servers: string[]): string {
  const header = [
    "Source",
    "Request",
    ...servers.map((label) => `${label} ms (CPU ms, peak RSS MB)`),
  ];
  const rows = scenarioKeys(measurements, "cold").map((key) => {
    const row = rowOf(measurements, key);
    const cells = servers.map((label) => {
      const item = row.get(label);
      if (!item || item.failure) return item?.failure ? "failed" : "—";
      return `${item.p50Ms?.toFixed(0)} (${item.cpuMsPerRequest?.toFixed(0)}, ${mb(item)})`;
    });
    return [...key.split("\t"), ...cells];
  });
  return table(header, rows);
}

function renderDetails(measurements: Measurement[]): string {
  const header = [
    "Source",
    "Request",
    "Server",
    "req/s",
    "p50 ms",
    "p99 ms",
    "CPU ms/req",
    "peak RSS MB",
    "errors",
  ];
  const rows = measurements.filter((item) => item.scenario.mode === "load").map((item) => [
    item.scenario.source,
    item.scenario.request,
    item.server,
    ...(item.failure ? [`failed: ${item.failure.replaceAll("|", "\\|")}`, "", "", "", "", ""] : [
      item.requestsPerSecond!.toFixed(1),
      item.p50Ms!.toFixed(1),
      item.p99Ms!.toFixed(1),
      item.cpuMsPerRequest!.toFixed(2),
      mb(item),
      String(item.errors),
    ]),
  ]);
  return table(header, rows);
}

function scenarioKeys(measurements: Measurement[], mode: "load" | "cold"): string[] {
  const keys = measurements.filter((item) => item.scenario.mode === mode).map(keyOf);
  return [...new Set(keys)];
}

function keyOf(item: Measurement): string {
  return `${item.scenario.source}\t${item.scenario.request}`;
}

function rowOf(measurements: Measurement[], key: string): Map<string, Measurement> {
  return new Map(
    measurements.filter((item) => keyOf(item) === key).map((item) => [item.server, item]),
  );
}

function cell(item: Measurement | undefined): string {
  if (!item) return "—";
  if (item.failure) return "failed";
  const rate = item.requestsPerSecond!;
  return rate >= 100 ? rate.toFixed(0) : rate.toFixed(1);
}

/** "2.4×" for how many times `tessera` is `peer`; "—" when either is missing. */
function ratio(tessera: number | undefined, peer: number | undefined): string {
  if (!tessera || !peer) return "—";
  const value = tessera / peer;
  return `${value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2)}×`;
}

function mb(item: Measurement): string {
  return ((item.peakRssBytes ?? 0) / 2 ** 20).toFixed(0);
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
