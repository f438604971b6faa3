import assert from "node:assert/strict";
import { poolMetricFamilies } from "../../src/http/pool_metrics.ts";
import { formatPrometheusText } from "../../src/http/prometheus_text.ts";
import type { WorkerPoolStats } from "../../workers/mod.ts";
import { parsePrometheusText, sampleValue } from "./_prometheus_parser.ts";

Deno.test("poolMetricFamilies() reports queue, workers by state, restarts, jobs and fallbacks", () => {
  const stats: WorkerPoolStats = {
    size: 4,
    busy: 2,
    queued: 5,
    jobs: 40,
    restarts: 3,
    jobsByBackend: { cpu: 30, gpu: 9 },
    fallbacks: 2,
    backends: [
      { backend: "gpu", reason: "measured faster" },
      { backend: "cpu", reason: "gpu: off" },
      { backend: "cpu", reason: "gpu: off" },
    ],
  };
  const families = parsePrometheusText(formatPrometheusText(poolMetricFamilies(stats)));
  assert.equal(sampleValue(families, "tessera_worker_queue_depth"), 5);
  const workers = (state: string) => sampleValue(families, "tessera_workers", { state });
  assert.deepEqual([workers("starting"), workers("idle"), workers("busy")], [1, 1, 2]);
  assert.equal(sampleValue(families, "tessera_worker_restarts_total"), 3);
  assert.equal(sampleValue(families, "tessera_jobs_total", { backend: "cpu" }), 30);
  assert.equal(sampleValue(families, "tessera_jobs_total", { backend: "gpu" }), 9);
  assert.equal(sampleValue(families, "tessera_gpu_fallbacks_total"), 2);
  assert.deepEqual(
    [...families.values()].map((family) => family.type),
    ["gauge", "gauge", "counter", "counter", "counter"],
  );
});
