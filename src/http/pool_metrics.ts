import type { WorkerPoolStats } from "../../workers/mod.ts";
import { type MetricFamily, metricFamily } from "./prometheus_text.ts";

/**
 * The worker pool's state and counters as metric families: queue depth, workers by state,
 * restarts, finished jobs by backend and GPU fallbacks. The pool keeps the counts; this only
 * reads a snapshot of them.
 */
export function poolMetricFamilies(stats: WorkerPoolStats): MetricFamily[] {
  // Only a worker that said `ready` reports a backend, so the others are still starting.
  const ready = stats.backends.length;
  return [
    metricFamily("tessera_worker_queue_depth", {
      type: "gauge",
      help: "Image jobs waiting for a worker",
      values: [[{}, stats.queued]],
    }),
    metricFamily("tessera_workers", {
      type: "gauge",
      help: "Image workers by state",
      values: [
        [{ state: "starting" }, stats.size - ready],
        [{ state: "idle" }, ready - stats.busy],
        [{ state: "busy" }, stats.busy],
      ],
    }),
    metricFamily("tessera_worker_restarts_total", {
      type: "counter",
      help: "Image workers replaced after dying",
      values: [[{}, stats.restarts]],
    }),
    metricFamily("tessera_jobs_total", {
      type: "counter",
      help: "Image jobs finished, by the backend that made their pixels",
      values: Object.entries(stats.jobsByBackend).map(([backend, jobs]) => [{ backend }, jobs]),
    }),
    metricFamily("tessera_gpu_fallbacks_total", {
      type: "counter",
      help: "Jobs meant for the GPU that ran on the CPU",
      values: [[{}, stats.fallbacks]],
    }),
  ];
}
