import assert from "node:assert/strict";
import { FetchLimiter } from "../../src/sources/_fetch_limiter.ts";

/** A task that records when it starts and ends, and finishes when `finish()` is called. */
function gatedTask(log: string[], name: string) {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => finish = resolve);
  const task = async () => {
    log.push(`start ${name}`);
    await gate;
    log.push(`end ${name}`);
    return name;
  };
  return { task, finish };
}

Deno.test("FetchLimiter.run() starts tasks beyond the limit in arrival order", async () => {
  const limiter = new FetchLimiter(2);
  const log: string[] = [];
  const tasks = ["a", "b", "c", "d"].map((name) => gatedTask(log, name));
  const results = tasks.map(({ task }) => limiter.run(task));
  await Promise.resolve();
  assert.deepEqual(log, ["start a", "start b"]);
  tasks[1].finish();
  await results[1];
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(log, ["start a", "start b", "end b", "start c"]);
  for (const { finish } of tasks) finish();
  assert.deepEqual(await Promise.all(results), ["a", "b", "c", "d"]);
});

Deno.test("FetchLimiter.run() frees the slot of a task that throws", async () => {
  const limiter = new FetchLimiter(1);
  await assert.rejects(limiter.run(() => Promise.reject(new Error("upstream down"))), {
    message: "upstream down",
  });
  assert.equal(await limiter.run(() => Promise.resolve("next")), "next");
});

Deno.test("FetchLimiter() throws RangeError for a limit below 1", () => {
  for (const slots of [0, -1, 1.5, NaN]) {
    assert.throws(() => new FetchLimiter(slots), RangeError, String(slots));
  }
});
