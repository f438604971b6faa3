import assert from "node:assert/strict";
import { whyNotReady } from "../../src/http/health_route.ts";
import type { WorkerPoolStats } from "../../workers/mod.ts";
import { FAKE_POOL_STATS, fakeApp } from "./_fake_app.ts";

const NO_WORKER_READY: WorkerPoolStats = { ...FAKE_POOL_STATS, size: 1, busy: 0, backends: [] };

Deno.test("GET /health answers ok, uncached, whatever the workers do", async () => {
  const app = fakeApp({ stats: () => NO_WORKER_READY });
  const response = await app.request("/health");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.deepEqual(await response.json(), { status: "ok" });
  const head = await app.request("/health", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.body, null);
});

Deno.test("GET /health/ready answers 200 while a worker is ready and the queue has room", async () => {
  const app = fakeApp({ config: { image_pool_size: 2, queue_limit: 4 } });
  const response = await app.request("/health/ready");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.deepEqual(await response.json(), {
    status: "ready",
    readyWorkers: 2,
    poolSize: 2,
    queued: 0,
    queueLimit: 4,
  });
});

Deno.test("GET /health/ready answers 503 with the reason, and logs it", async () => {
  const cases: Array<[WorkerPoolStats, string]> = [
    [NO_WORKER_READY, "No image worker is ready (0 of 2)"],
    [{ ...FAKE_POOL_STATS, queued: 4 }, "The image queue is full (4 of 4 jobs waiting)"],
  ];
  for (const [stats, reason] of cases) {
    const app = fakeApp({ config: { image_pool_size: 2, queue_limit: 4 }, stats: () => stats });
    const response = await app.request("/health/ready");
    assert.equal(response.status, 503, reason);
    const body = await response.json();
    assert.equal(body.status, "unavailable");
    assert.equal(body.reason, reason);
    assert.equal(app.logs.at(-1)!.error, reason);
  }
});

Deno.test("whyNotReady() needs one ready worker and room in the queue", () => {
  const limits = { poolSize: 2, queueLimit: 3 };
  const cases: Array<[Partial<WorkerPoolStats>, string | undefined]> = [
    [{}, undefined],
    [{ queued: 2 }, undefined],
    [{ queued: 3 }, "The image queue is full (3 of 3 jobs waiting)"],
    [{ backends: FAKE_POOL_STATS.backends.slice(1), busy: 1 }, undefined],
    [{ backends: [], busy: 0 }, "No image worker is ready (0 of 2)"],
    [{ backends: [], busy: 0, queued: 3 }, "No image worker is ready (0 of 2)"],
  ];
  for (const [change, expected] of cases) {
    const stats = { ...FAKE_POOL_STATS, ...change };
    assert.equal(whyNotReady(stats, limits), expected, JSON.stringify(change));
  }
});
