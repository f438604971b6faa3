import type { JobTimings } from "../../workers/mod.ts";
import { MetricCounter } from "./metric_counter.ts";
import { MetricHistogram } from "./metric_histogram.ts";
import { type ProfileCount, ProfileCounts } from "./profile_counts.ts";
import type { MetricFamily } from "./prometheus_text.ts";
import type { ResponseNotes } from "./response_notes.ts";

/** Seconds: from a cache hit (about a millisecond) to a huge rotation on a busy pool. */
const DURATION_BUCKETS = [
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
  30,
];

const CACHE_RESULTS = ["hit", "miss", "coalesced"] as const;
/** What the worker's decoded-source LRU did for a job; stored tiles (`tile`, `crop`) skip it. */
const SOURCE_RESULTS: Readonly<Record<JobTimings["source"], string>> = {
  lru: "hit",
  file: "miss",
  tile: "passthrough",
  crop: "passthrough",
};

type StageKey = "readMs" | "decodeMs" | "opsMs" | "encodeMs";

const STAGE_MS: ReadonlyArray<readonly [string, StageKey]> = [
  ["read", "readMs"],
  ["decode", "decodeMs"],
  ["ops", "opsMs"],
  ["encode", "encodeMs"],
];

/** What the handler knows of one answered request. */
export interface RequestObservation {
  /** The router's name for the route (never the raw path, so label values stay few). */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
  readonly notes: ResponseNotes;
  /** The profile of the request's identifier, when it has one a profile serves. */
  readonly profile?: string;
  /** Body bytes sent. */
  readonly bytes: number;
}

/**
 * The metrics counted as requests are answered: requests by route and status, their latency,
 * derivative cache outcomes and the stage times of worker jobs. The pool's own counters are read
 * when `/metrics` is scraped instead.
 */
export class RequestMetrics {
  readonly #requests = new MetricCounter("tessera_http_requests_total", {
    help: "HTTP requests answered, by route and status",
    labelNames: ["route", "status"],
  });
  readonly #latency = new MetricHistogram("tessera_http_request_duration_seconds", {
    help: "Time from receiving a request to its response being ready, by route",
    buckets: DURATION_BUCKETS,
    labelNames: ["route"],
  });
  readonly #cache = new MetricCounter("tessera_cache_requests_total", {
    help: "Image requests by cache layer and result: the derivative cache (coalesced: shared a " +
      "job already running), then for each job the worker's decoded-source LRU",
    labelNames: ["layer", "result"],
  });
  readonly #stages = new MetricHistogram("tessera_job_stage_seconds", {
    help: "Time worker jobs spent reading, decoding, processing and encoding, by stage",
    buckets: DURATION_BUCKETS,
    labelNames: ["stage"],
  });
  readonly #profiles = new ProfileCounts();

  constructor() {
    for (const result of CACHE_RESULTS) this.#cache.declare({ layer: "derivative", result });
    for (const result of Object.values(SOURCE_RESULTS)) {
      this.#cache.declare({ layer: "source", result });
    }
    for (const [stage] of STAGE_MS) this.#stages.declare({ stage });
  }

  /** Counts one answered request. */
  record(observation: RequestObservation): void {
    const { route, status, seconds, notes, profile } = observation;
    this.#requests.inc({ route, status: String(status) });
    if (profile !== undefined) this.#profiles.record(profile, status, observation.bytes);
    this.#latency.observe({ route }, seconds);
    if (notes.cache) this.#cache.inc({ layer: "derivative", result: notes.cache });
    // Coalesced requests carry the timings of the job they shared: count each job once.
    if (notes.timings && notes.cache === "miss") this.#recordJob(notes.timings);
  }

  /** Every metric as it is now. */
  families(): MetricFamily[] {
    const metrics = [this.#requests, this.#latency, this.#cache, this.#stages, this.#profiles];
    return metrics.map((m) => m.family());
  }

  /** Requests, bytes and status classes by profile, for `/status`. */
  profiles(): Record<string, ProfileCount> {
    return this.#profiles.snapshot();
  }

  #recordJob(timings: JobTimings): void {
    this.#cache.inc({ layer: "source", result: SOURCE_RESULTS[timings.source] });
    for (const [stage, key] of STAGE_MS) {
      this.#stages.observe({ stage }, timings[key] / 1000);
    }
  }
}
