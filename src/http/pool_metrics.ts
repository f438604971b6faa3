import type { WorkerPoolStats } from "../../workers/mod.ts";
import type { MetricFamily, MetricLabels, MetricType } from "./prometheus_text.ts";

/**
 * The worker pool's state and counters as metric families: queue depth, workers by state,
 * restarts, finished jobs by backend and GPU fallbacks. The pool keeps the counts; this only
 * reads a snapshot of them.
 */
export function poolMetricFamilies(stats: WorkerPoolStats): MetricFamily[] {
  // Only a worker that said `ready` reports a backend, so the others are still starting.
  const ready = stats.backends.length;
  return [
    family("tessera_worker_queue_depth", "gauge", "Image jobs waiting for a worker", [
      [{}, stats.queued],
    ]),
    family("tessera_workers", "gauge", "Image workers by state", [
      [{ state: "starting" }, stats.size - ready],
      [{ state: "idle" }, ready - stats.busy],
      [{ state: "busy" }, stats.busy],
    ]),
    family("tessera_worker_restarts_total", "counter", "Image workers replaced after dying", [
      [{}, stats.restarts],
    ]),
    family(
      "tessera_jobs_total",
      "counter",
      "Image jobs finished, by the backend that made their pixels",
      Object.entries(stats.jobsByBackend).map(([backend, jobs]) => [{ backend }, jobs]),
    ),
    family("tessera_gpu_fallbacks_total", "counter", "Jobs meant for the GPU that ran on the CPU", [
      [{}, stats.fallbacks],
    ]),
  ];
}

function family(
  name: string,
  type: MetricType,
  help: string,
  values: ReadonlyArray<readonly [MetricLabels, number]>,
): MetricFamily {
  return { name, help, type, samples: values.map(([labels, value]) => ({ name, labels, value })) };
}
