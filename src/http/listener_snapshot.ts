import type { RendererCacheStats } from "../cache/mod.ts";
import type { WorkerPoolStats } from "../../workers/mod.ts";
import type { RouteDeps } from "./app_deps.ts";
import type { ProfileCount } from "./profile_counts.ts";
import type { MetricFamily, MetricSample } from "./prometheus_text.ts";

/** What one HTTP listener counts of itself, for `/metrics` and `/status`. */
export interface ListenerSnapshot {
  readonly families: MetricFamily[];
  readonly profiles: Record<string, ProfileCount>;
  readonly pool: WorkerPoolStats;
  readonly cache: RendererCacheStats;
}

/** This listener's counts as they are now. */
export function localSnapshot(deps: RouteDeps): ListenerSnapshot {
  return {
    families: deps.metrics.families(),
    profiles: deps.metrics.profiles(),
    pool: deps.pool.stats(),
    cache: deps.renderer.stats(),
  };
}

/** The whole server's counts: this listener's and, when there are others, theirs added. */
export async function serverSnapshot(deps: RouteDeps): Promise<ListenerSnapshot> {
  const local = localSnapshot(deps);
  return deps.peers ? mergeSnapshots([local, ...await deps.peers.snapshots()]) : local;
}

/**
 * The counts of the whole server from its listeners': every number summed, the workers'
 * backends listed together. The derivative cache's own counts come from the listener that holds
 * it (the others report zeros), its memory layers' from each.
 */
export function mergeSnapshots(snapshots: readonly ListenerSnapshot[]): ListenerSnapshot {
  return {
    families: mergeFamilies(snapshots.map((snapshot) => snapshot.families)),
    profiles: sumOf(snapshots.map((snapshot) => snapshot.profiles)) as ListenerSnapshot["profiles"],
    pool: sumOf(snapshots.map((snapshot) => snapshot.pool)) as WorkerPoolStats,
    cache: sumOf(snapshots.map((snapshot) => snapshot.cache)) as RendererCacheStats,
  };
}

/** Families of the same name joined, samples with the same name and labels added up. */
function mergeFamilies(lists: readonly MetricFamily[][]): MetricFamily[] {
  const merged = new Map<string, { family: MetricFamily; samples: Map<string, MetricSample> }>();
  for (const family of lists.flat()) {
    let entry = merged.get(family.name);
    if (!entry) merged.set(family.name, entry = { family, samples: new Map() });
    for (const sample of family.samples) {
      const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
      const known = entry.samples.get(key);
      entry.samples.set(key, known ? { ...known, value: known.value + sample.value } : sample);
    }
  }
  return [...merged.values()].map(({ family, samples }) => ({
    ...family,
    samples: [...samples.values()],
  }));
}

/**
 * Numbers added, arrays joined, objects field by field; anything else (a name, a flag) is the
 * first listener's that has it.
 */
function sumOf(values: readonly unknown[]): unknown {
  const present = values.filter((value) => value !== undefined);
  const first = present[0];
  if (typeof first === "number") {
    return present.reduce<number>((sum, value) => sum + (value as number), 0);
  }
  if (Array.isArray(first)) return present.flat();
  if (first === null || typeof first !== "object") return first;
  const records = present as Record<string, unknown>[];
  const keys = new Set(records.flatMap((record) => Object.keys(record)));
  return Object.fromEntries(
    [...keys].map((key) => [key, sumOf(records.map((record) => record[key]))]),
  );
}
