import assert from "node:assert/strict";
import { type ListenerSnapshot, mergeSnapshots } from "../../src/http/listener_snapshot.ts";

function snapshot(
  requests: Record<string, number>,
  workers: number,
  memoryEntries: number,
): ListenerSnapshot {
  const name = "tessera_http_requests_total";
  return {
    families: [{
      name,
      help: "HTTP requests",
      type: "counter",
      samples: Object.entries(requests).map(([route, value]) => ({
        name,
        labels: { status: "200", route },
        value,
      })),
    }],
    profiles: {
      test: {
        requests: workers * 10,
        bytes: 5,
        statuses: { "2xx": 1, "3xx": 0, "4xx": 0, "5xx": 2 },
      },
    },
    pool: {
      size: workers,
      busy: 0,
      queued: 1,
      jobs: 3,
      restarts: 0,
      jobsByBackend: { cpu: 3, gpu: 0 },
      fallbacks: 0,
      backends: Array.from(
        { length: workers },
        () => ({ backend: "cpu" as const, reason: "gpu: off" }),
      ),
    },
    cache: {
      entries: workers === 1 ? 0 : 4,
      bytes: workers === 1 ? 0 : 400,
      hits: 2,
      misses: 1,
      memory: { entries: memoryEntries, bytes: memoryEntries * 10, hits: 1, misses: 1 },
    },
  };
}

Deno.test("mergeSnapshots() adds up the listeners' counts sample by sample", () => {
  const merged = mergeSnapshots([
    snapshot({ image: 5, info: 2 }, 2, 3),
    snapshot({ info: 1, metrics: 4 }, 1, 1),
  ]);
  assert.deepEqual(
    merged.families[0].samples.map((sample) => [sample.labels.route, sample.value]),
    [["image", 5], ["info", 3], ["metrics", 4]],
  );
  assert.equal(merged.pool.size, 3);
  assert.equal(merged.pool.queued, 2);
  assert.deepEqual(merged.pool.jobsByBackend, { cpu: 6, gpu: 0 });
  assert.equal(merged.pool.backends.length, 3);
  assert.deepEqual(merged.profiles.test, {
    requests: 30,
    bytes: 10,
    statuses: { "2xx": 2, "3xx": 0, "4xx": 0, "5xx": 4 },
  });
  assert.deepEqual(merged.cache, {
    entries: 4,
    bytes: 400,
    hits: 4,
    misses: 2,
    memory: { entries: 4, bytes: 40, hits: 2, misses: 2 },
  });
});

Deno.test("mergeSnapshots() of one listener is its own counts", () => {
  const one = snapshot({ image: 1 }, 2, 0);
  assert.deepEqual(mergeSnapshots([one]), one);
});
