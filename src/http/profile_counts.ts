import { MetricCounter } from "./metric_counter.ts";
import type { MetricFamily } from "./prometheus_text.ts";

/** Status classes a profile's requests are counted by. */
const STATUS_CLASSES = ["2xx", "3xx", "4xx", "5xx"] as const;

type StatusClass = (typeof STATUS_CLASSES)[number];

/** One profile's requests since start, for `/status`. */
export interface ProfileCount {
  readonly requests: number;
  /** Body bytes sent. */
  readonly bytes: number;
  readonly statuses: Readonly<Record<StatusClass, number>>;
}

/**
 * Requests and bytes by profile, so an operator sees which collection the load comes from.
 * Profiles are few and named in the configuration, so they are safe metric labels.
 */
export class ProfileCounts {
  readonly #counts = new Map<string, { requests: number; bytes: number; statuses: number[] }>();
  readonly #metric = new MetricCounter("tessera_profile_requests_total", {
    help: "HTTP requests for images of each profile, by status class",
    labelNames: ["profile", "status_class"],
  });

  /** Counts one answered request for `profile`. */
  record(profile: string, status: number, bytes: number): void {
    let count = this.#counts.get(profile);
    if (count === undefined) {
      count = { requests: 0, bytes: 0, statuses: STATUS_CLASSES.map(() => 0) };
      this.#counts.set(profile, count);
    }
    const index = Math.min(Math.max(Math.floor(status / 100) - 2, 0), STATUS_CLASSES.length - 1);
    count.requests += 1;
    count.bytes += bytes;
    count.statuses[index] += 1;
    this.#metric.inc({ profile, status_class: STATUS_CLASSES[index] });
  }

  /** Every profile that has had a request, by name. */
  snapshot(): Record<string, ProfileCount> {
    const snapshot: Record<string, ProfileCount> = {};
    for (const [profile, { requests, bytes, statuses }] of this.#counts) {
      const byClass = Object.fromEntries(STATUS_CLASSES.map((name, i) => [name, statuses[i]]));
      snapshot[profile] = { requests, bytes, statuses: byClass as Record<StatusClass, number> };
    }
    return snapshot;
  }

  /** The Prometheus family. */
  family(): MetricFamily {
    return this.#metric.family();
  }
}
