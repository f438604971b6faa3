import assert from "node:assert/strict";
import type { ImagePlan } from "../../src/iiif/mod.ts";
import { IiifSyntaxError } from "../../src/iiif/mod.ts";
import {
  type JobResult,
  JobTimeoutError,
  PoolClosedError,
  QueueFullError,
  WorkerCrashedError,
  WorkerPool,
  type WorkerPoolOptions,
} from "../../workers/mod.ts";
import { vips, withTempDir } from "../codecs/_vips.ts";
import { cpuSettings, WORKER_CROP_READ_MS } from "./_worker_settings.ts";

const TEST_WORKER_URL = new URL("./_test_worker.ts", import.meta.url);

/** A plan whose `canonical` tells the test worker what to do (see `_test_worker.ts`). */
function planFor(behaviour: string): ImagePlan {
  return {
    version: 3,
    identifier: "test",
    canonical: behaviour,
    region: { x: 0, y: 0, width: 1, height: 1 },
    decodeScale: 1,
    steps: [],
    width: 1,
    height: 1,
    encode: { format: "png", quality: "default", jpegQuality: 80, subsampling: "420" },
  };
}

/** An `echo` plan for a `default` JPEG of `region` at its own size: one resize step. */
function regionPlan(region: { x: number; y: number; width: number; height: number }): ImagePlan {
  const { width, height } = region;
  return {
    ...planFor("echo"),
    region,
    steps: [{ op: "resize", region, width, height }],
    width,
    height,
    encode: { format: "jpg", quality: "default", jpegQuality: 80, subsampling: "420" },
  };
}

function run(pool: WorkerPool, behaviour: string, path: string): Promise<JobResult> {
  return pool.run(planFor(behaviour), { path, format: "png", mtimeMs: 0, size: 0 });
}

function answerOf(result: JobResult): { worker: string; path: string; cpuOnly: boolean } {
  return JSON.parse(new TextDecoder().decode(result.body));
}

async function withPool(
  options: Partial<WorkerPoolOptions>,
  body: (pool: WorkerPool) => Promise<void>,
): Promise<void> {
  const { pool } = await WorkerPool.start({
    size: 1,
    queueLimit: 16,
    settings: cpuSettings(0),
    workerUrl: TEST_WORKER_URL,
    ...options,
  });
  try {
    await body(pool);
  } finally {
    await pool.close();
  }
}

/** Runs jobs (behaviour, source) at once and lists their sources in the order they finished. */
async function completionOrder(pool: WorkerPool, jobs: [string, string][]): Promise<string[]> {
  const order: string[] = [];
  await Promise.all(
    jobs.map(([behaviour, path]) =>
      run(pool, behaviour, path).then((result) => order.push(answerOf(result).path))
    ),
  );
  return order;
}

Deno.test("WorkerPool.run() answers queued jobs for different sources in FIFO order", async () => {
  await withPool({}, async (pool) => {
    const order = await completionOrder(pool, [
      ["sleep:40", "a"],
      ["echo", "b"],
      ["echo", "c"],
      ["echo", "d"],
      ["echo", "e"],
    ]);
    assert.deepEqual(order, ["a", "b", "c", "d", "e"]);
  });
});

Deno.test("WorkerPool.run() lets a free worker take a queued job for the source it holds", async () => {
  await withPool({}, async (pool) => {
    const order = await completionOrder(pool, [["sleep:40", "a"], ["echo", "b"], ["echo", "a"]]);
    assert.deepEqual(order, ["a", "a", "b"]);
  });
});

Deno.test("WorkerPool.run() sends a source to the idle worker that last ran it", async () => {
  await withPool({ size: 2 }, async (pool) => {
    const [a, b] = await Promise.all([run(pool, "sleep:30", "a"), run(pool, "sleep:30", "b")]);
    assert.notEqual(answerOf(a).worker, answerOf(b).worker);
    for (let i = 0; i < 3; i++) {
      assert.equal(answerOf(await run(pool, "echo", "b")).worker, answerOf(b).worker);
      assert.equal(answerOf(await run(pool, "echo", "a")).worker, answerOf(a).worker);
    }
  });
});

Deno.test("WorkerPool.run() does not starve a queued job under steady traffic for another source", async () => {
  await withPool({}, async (pool) => {
    const jobs: [string, string][] = [["sleep:30", "a"], ["echo", "b"]];
    for (let i = 0; i < 10; i++) jobs.push(["sleep:2", "a"]);
    const order = await completionOrder(pool, jobs);
    const b = order.indexOf("b");
    assert.ok(b > 1, `affinity should let some "a" jobs pass first: ${order}`);
    assert.ok(b <= 5, `"b" waited behind ${b} jobs: ${order}`);
  });
});

Deno.test("WorkerPool.run() rejects with QueueFullError when queue_limit jobs wait", async () => {
  await withPool({ queueLimit: 1 }, async (pool) => {
    const running = run(pool, "sleep:50", "a");
    const queued = run(pool, "echo", "b");
    await assert.rejects(run(pool, "echo", "c"), (error: unknown) => {
      assert.ok(error instanceof QueueFullError);
      assert.ok(error.retryAfterSeconds >= 1);
      return true;
    });
    assert.equal(answerOf(await running).path, "a");
    assert.equal(answerOf(await queued).path, "b");
  });
});

Deno.test("WorkerPool.throwIfFull() throws only while run() would refuse", async () => {
  await withPool({ queueLimit: 1 }, async (pool) => {
    pool.throwIfFull();
    const running = run(pool, "sleep:50", "a");
    pool.throwIfFull();
    const queued = run(pool, "echo", "b");
    assert.throws(() => pool.throwIfFull(), (error: unknown) => {
      assert.ok(error instanceof QueueFullError);
      assert.ok(error.retryAfterSeconds >= 1);
      return true;
    });
    await Promise.all([running, queued]);
    pool.throwIfFull();
  });
});

Deno.test("WorkerPool.run() reads a stored tile of a local TIFF itself; pixels go to a worker", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/tiled.tif`;
    await vips("black", `${dir}/black.v`, "512", "384", "--bands", "3");
    const tiles = ["--tile", "--tile-width", "256", "--tile-height", "256"];
    await vips("tiffsave", `${dir}/black.v`, path, ...tiles, "--compression", "jpeg");
    const { size, mtime } = await Deno.stat(path);
    const source = { path, format: "tiff" as const, mtimeMs: mtime?.getTime() ?? 0, size };
    await withPool({}, async (pool) => {
      const tile = await pool.run(regionPlan({ x: 256, y: 0, width: 256, height: 256 }), source);
      assert.equal(tile.timings.source, "tile");
      assert.deepEqual([...tile.body.subarray(0, 2)], [0xff, 0xd8], "a JPEG, not a worker's echo");
      // The edge tile is stored padded to 256², so it needs pixels.
      const edge = await pool.run(regionPlan({ x: 256, y: 256, width: 256, height: 128 }), source);
      assert.equal(answerOf(edge).path, path);
      assert.equal(pool.stats().jobs, 2);
    });
  });
});

Deno.test("WorkerPool.run() cuts an edge tile itself once a worker has sent its crop plan", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/tiled.tif`;
    await vips("gaussnoise", `${dir}/noise.v`, "500", "300");
    const tiles = ["--tile", "--tile-width", "256", "--tile-height", "256"];
    await vips("tiffsave", `${dir}/noise.v`, path, ...tiles, "--compression", "jpeg");
    const { size, mtime } = await Deno.stat(path);
    const source = { path, format: "tiff" as const, mtimeMs: mtime?.getTime() ?? 0, size };
    const edge = { ...regionPlan({ x: 256, y: 256, width: 244, height: 44 }), canonical: "crop" };
    await withPool({}, async (pool) => {
      const first = await pool.run(edge, source);
      assert.equal(first.timings.readMs, WORKER_CROP_READ_MS, "the worker cut it, and planned");
      const again = await pool.run(edge, source);
      assert.notEqual(again.timings.readMs, WORKER_CROP_READ_MS, "cut here, by the plan");
      assert.equal(again.timings.source, "crop");
      assert.deepEqual(again.body, first.body);
      // Another tile of the file has no plan yet: a worker cuts it.
      const other = { ...regionPlan({ x: 0, y: 256, width: 256, height: 44 }), canonical: "crop" };
      assert.equal((await pool.run(other, source)).timings.readMs, WORKER_CROP_READ_MS);
      assert.equal(pool.stats().jobs, 3);
    });
  });
});

Deno.test("WorkerPool.run() rebuilds a job's failure into its class; the worker lives on", async () => {
  await withPool({}, async (pool) => {
    await assert.rejects(run(pool, "fail", "a"), (error: unknown) => {
      assert.ok(error instanceof IiifSyntaxError);
      assert.equal(error.parameter, "size");
      return true;
    });
    assert.equal(answerOf(await run(pool, "echo", "a")).path, "a");
    assert.equal(pool.stats().restarts, 0);
  });
});

Deno.test("WorkerPool.run() fails a crashed worker's job with WorkerCrashedError and replaces it", async () => {
  await withPool({}, async (pool) => {
    const queued = run(pool, "echo", "b");
    await assert.rejects(run(pool, "crash", "a"), (error: unknown) => {
      assert.ok(error instanceof WorkerCrashedError);
      assert.match(error.message, /Test worker crashed/);
      return true;
    });
    assert.equal(answerOf(await queued).path, "b");
    assert.equal(answerOf(await run(pool, "echo", "c")).path, "c");
    assert.deepEqual([pool.stats().restarts, pool.stats().size], [1, 1]);
  });
});

Deno.test("WorkerPool.run() retries a job once on the CPU when its GPU worker dies", async () => {
  await withPool({ workerUrl: new URL("?gpu", TEST_WORKER_URL) }, async (pool) => {
    const result = await run(pool, "crash-unless-cpu", "a");
    assert.deepEqual(answerOf(result), { ...answerOf(result), path: "a", cpuOnly: true });
    assert.equal(result.fallback, "worker-died");
    const stats = pool.stats();
    assert.deepEqual([stats.restarts, stats.fallbacks, stats.jobsByBackend.cpu], [1, 1, 1]);
    assert.equal(answerOf(await run(pool, "echo", "b")).cpuOnly, false);
  });
});

Deno.test("WorkerPool.run() fails a job that kills its GPU worker and its CPU retry", async () => {
  await withPool({ workerUrl: new URL("?gpu", TEST_WORKER_URL) }, async (pool) => {
    await assert.rejects(run(pool, "crash", "a"), WorkerCrashedError);
    assert.equal(pool.stats().restarts, 2);
    assert.equal(pool.stats().fallbacks, 0);
  });
});

Deno.test("WorkerPool.start() rejects and stops its workers when one dies before ready", async () => {
  const created: Worker[] = [];
  const terminated = new Set<Worker>();
  const RealWorker = globalThis.Worker;
  // The second worker refuses to start; every worker is recorded.
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(created.length === 1 ? `${url}?refuse` : url, options);
      created.push(this);
    }
    override terminate(): void {
      terminated.add(this);
      super.terminate();
    }
  };
  try {
    await assert.rejects(
      WorkerPool.start({
        size: 2,
        queueLimit: 1,
        settings: cpuSettings(0),
        workerUrl: TEST_WORKER_URL,
      }),
      /refused to start/,
    );
    // Past the respawn delay of a worker that died before ready: nothing may have been respawned.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal(created.length, 2);
    assert.deepEqual(created.map((worker) => terminated.has(worker)), [true, true]);
  } finally {
    globalThis.Worker = RealWorker;
  }
});

Deno.test("WorkerPool.close() fails queued jobs with PoolClosedError and finishes running ones", async () => {
  const { pool } = await WorkerPool.start({
    size: 1,
    queueLimit: 4,
    settings: cpuSettings(0),
    workerUrl: TEST_WORKER_URL,
  });
  const running = run(pool, "sleep:50", "a");
  const queued = assert.rejects(run(pool, "echo", "b"), PoolClosedError);
  await pool.close();
  await queued;
  assert.equal(answerOf(await running).path, "a");
  await assert.rejects(run(pool, "echo", "c"), PoolClosedError);
});

Deno.test("WorkerPool.close() kills a job still running at its deadline", async () => {
  const { pool } = await WorkerPool.start({
    size: 1,
    queueLimit: 4,
    settings: cpuSettings(0),
    workerUrl: TEST_WORKER_URL,
    closeTimeoutMs: 100,
  });
  const hung = assert.rejects(run(pool, "hang", "a"), WorkerCrashedError);
  const started = performance.now();
  await pool.close();
  assert.ok(performance.now() - started < 1000);
  await hung;
  assert.equal(pool.stats().size, 0);
});

Deno.test("WorkerPool.close() resolves once each worker said it released its device and files", async () => {
  const closeAfter = new URL(`?close-after=300`, TEST_WORKER_URL);
  const { pool } = await WorkerPool.start({
    size: 2,
    queueLimit: 4,
    settings: cpuSettings(0),
    workerUrl: closeAfter,
  });
  const started = performance.now();
  await pool.close();
  // A lower bound only: resolving before the workers' `closed` would be sooner than 300 ms.
  assert.ok(performance.now() - started >= 290, "close() waited for the workers");
});

Deno.test("WorkerPool.close() terminates a worker that never says it closed", async () => {
  const { pool } = await WorkerPool.start({
    size: 1,
    queueLimit: 4,
    settings: cpuSettings(0),
    workerUrl: new URL(`?never-closes`, TEST_WORKER_URL),
  });
  const started = performance.now();
  await pool.close();
  const waited = performance.now() - started;
  assert.ok(waited >= 1_900 && waited < 10_000, `waited its 2 s bound, not more (${waited} ms)`);
});

Deno.test("WorkerPool.close() during a respawn leaves no worker behind", async () => {
  const { pool } = await WorkerPool.start({
    size: 1,
    queueLimit: 4,
    settings: cpuSettings(0),
    workerUrl: TEST_WORKER_URL,
  });
  await assert.rejects(run(pool, "crash", "a"), WorkerCrashedError);
  while (pool.stats().size === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  await pool.close();
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual([pool.stats().size, pool.stats().busy], [0, 0]);
  await assert.rejects(run(pool, "echo", "b"), PoolClosedError);
});

Deno.test("WorkerPool.run() abandons a job past jobTimeoutMs and replaces its worker", async () => {
  await withPool({ jobTimeoutMs: 100 }, async (pool) => {
    const started = performance.now();
    const hung = run(pool, "hang", "a");
    const queued = run(pool, "echo", "b");
    await assert.rejects(hung, (error: unknown) => {
      assert.ok(error instanceof JobTimeoutError);
      assert.match(error.message, /longer than 100 ms \(job_timeout_ms\)/);
      assert.equal(error.retryAfterSeconds, 1);
      return true;
    });
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 95 && elapsed < 1000, `timed out after ${elapsed} ms`);
    assert.equal(answerOf(await queued).path, "b");
    assert.deepEqual([pool.stats().restarts, pool.stats().size], [1, 1]);
  });
});

Deno.test("WorkerPool.run() lets jobs within jobTimeoutMs finish on the same worker", async () => {
  await withPool({ jobTimeoutMs: 200 }, async (pool) => {
    const first = answerOf(await run(pool, "sleep:20", "a"));
    // Each job gets its own allowance: together these outlast one timeout.
    for (let i = 0; i < 3; i++) {
      assert.equal(answerOf(await run(pool, "sleep:80", "a")).worker, first.worker);
    }
    assert.equal(pool.stats().restarts, 0);
  });
});

Deno.test("WorkerPool.run() does not retry a timed-out GPU job on the CPU", async () => {
  await withPool(
    { jobTimeoutMs: 50, workerUrl: new URL("?gpu", TEST_WORKER_URL) },
    async (pool) => {
      await assert.rejects(run(pool, "hang", "a"), JobTimeoutError);
      assert.deepEqual([pool.stats().restarts, pool.stats().fallbacks], [1, 0]);
    },
  );
});

Deno.test("WorkerPool.resetCounts() zeroes jobs and jobs by backend, not fallbacks or restarts", async () => {
  await withPool({ workerUrl: new URL("?gpu", TEST_WORKER_URL) }, async (pool) => {
    await run(pool, "crash-unless-cpu", "a");
    await run(pool, "echo", "b");
    // The crashed job counts twice: once on the GPU worker, once retried.
    assert.deepEqual([pool.stats().jobs, pool.stats().fallbacks], [3, 1]);
    pool.resetCounts();
    const { jobs, jobsByBackend, fallbacks, restarts } = pool.stats();
    assert.deepEqual({ jobs, jobsByBackend, fallbacks, restarts }, {
      jobs: 0,
      jobsByBackend: { cpu: 0, gpu: 0 },
      fallbacks: 1,
      restarts: 1,
    });
    await run(pool, "echo", "c");
    assert.equal(pool.stats().jobs, 1);
  });
});
