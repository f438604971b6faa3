import { runWrk } from "./load.ts";
import { cpuMilliseconds, peakRssBytes, processTree, resetPeakRss } from "./process_usage.ts";
import type { Scenario } from "./scenarios.ts";
import type { RunningServer, ServerKind } from "./server_kind.ts";

/** One server's figures for one scenario. */
export interface Measurement {
  scenario: Scenario;
  server: string;
  /** Requests per second (load) or undefined (cold). */
  requestsPerSecond?: number;
  /** Median latency; for a cold scenario, the median over the restarts. */
  p50Ms?: number;
  p99Ms?: number;
  cpuMsPerRequest?: number;
  peakRssBytes?: number;
  /** Answers that were not 2xx/3xx, and socket errors or timeouts. */
  errors?: number;
  /** Why there are no figures (the check request failed). */
  failure?: string;
}

const COLD_RESTARTS = 3;

/**
 * Runs every scenario `kind` can serve: the load scenarios on one started server, then each
 * cold scenario on freshly started ones. The server is stopped even when a scenario throws.
 *
 * @throws {Error} when the server does not start or wrk fails.
 */
export async function measureServer(
  kind: ServerKind,
  scenarios: Scenario[],
  seconds: number,
  workDir: string,
): Promise<Measurement[]> {
  const own = scenarios.filter((scenario) => kind.reads(scenario.fileName));
  const results: Measurement[] = [];
  const server = await kind.start();
  try {
    // One second of info.json first, so no scenario pays for JIT warm-up or lazy start-up.
    await runWrk(server.baseUrl, [kind.path(own[0].fileName, "info.json")], 1, workDir);
    for (const scenario of own.filter((item) => item.mode === "load")) {
      console.error(`  ${kind.label}: ${scenario.source}, ${scenario.request}`);
      results.push(await measureLoad(kind, server, scenario, seconds, workDir));
    }
  } finally {
    await server.stop();
  }
  for (const scenario of own.filter((item) => item.mode === "cold")) {
    console.error(`  ${kind.label}: ${scenario.source}, ${scenario.request}`);
    results.push(await measureCold(kind, scenario));
  }
  return results;
}

async function measureLoad(
  kind: ServerKind,
  server: RunningServer,
  scenario: Scenario,
  seconds: number,
  workDir: string,
): Promise<Measurement> {
  const paths = scenario.tails.map((tail) => kind.path(scenario.fileName, tail));
  // A server answering errors fast would look fast: check first, middle and last answer.
  const failure = await firstFailure(server.baseUrl, [
    paths[0],
    paths[Math.floor(paths.length / 2)],
    paths[paths.length - 1],
  ]);
  if (failure) return { scenario, server: kind.label, failure };
  const tree = processTree(server.pid);
  resetPeakRss(tree);
  const cpuBefore = cpuMilliseconds(tree);
  const figures = await runWrk(server.baseUrl, paths, seconds, workDir);
  const cpu = cpuMilliseconds(tree) - cpuBefore;
  if (figures.requests === 0) {
    return { scenario, server: kind.label, failure: `no answer within ${seconds} s` };
  }
  return {
    scenario,
    server: kind.label,
    requestsPerSecond: figures.requests / figures.seconds,
    p50Ms: figures.p50Ms,
    p99Ms: figures.p99Ms,
    cpuMsPerRequest: cpu / Math.max(1, figures.requests),
    peakRssBytes: peakRssBytes(tree),
    errors: figures.non2xx + figures.socketErrors,
  };
}

async function measureCold(kind: ServerKind, scenario: Scenario): Promise<Measurement> {
  const path = kind.path(scenario.fileName, scenario.tails[0]);
  const latencies: number[] = [];
  const cpus: number[] = [];
  let peak = 0;
  for (let restart = 0; restart < COLD_RESTARTS; restart++) {
    const server = await kind.start();
    try {
      const tree = processTree(server.pid);
      resetPeakRss(tree);
      const cpuBefore = cpuMilliseconds(tree);
      const started = performance.now();
      const failure = await firstFailure(server.baseUrl, [path]);
      if (failure) return { scenario, server: kind.label, failure };
      latencies.push(performance.now() - started);
      cpus.push(cpuMilliseconds(tree) - cpuBefore);
      peak = Math.max(peak, peakRssBytes(tree));
    } finally {
      await server.stop();
    }
  }
  return {
    scenario,
    server: kind.label,
    p50Ms: median(latencies),
    cpuMsPerRequest: median(cpus),
    peakRssBytes: peak,
    errors: 0,
  };
}

/** `undefined` when every path answers 200 with an image or JSON, else what went wrong. */
async function firstFailure(baseUrl: string, paths: string[]): Promise<string | undefined> {
  for (const path of paths) {
    const response = await fetch(baseUrl + path);
    const body = await response.arrayBuffer();
    const type = response.headers.get("content-type") ?? "";
    if (response.status !== 200 || !/^(image\/|application\/(ld\+)?json)/.test(type)) {
      const text = new TextDecoder().decode(body.slice(0, 200));
      return `${path} answered ${response.status} ${type}: ${text}`;
    }
  }
  return undefined;
}

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
