import assert from "node:assert/strict";
import { BatchedLineWriter } from "../../src/http/batched_line_writer.ts";

function recorder() {
  const writes: string[] = [];
  return { writes, write: (bytes: Uint8Array) => writes.push(new TextDecoder().decode(bytes)) };
}

Deno.test("BatchedLineWriter writes a turn's lines in order in one write, on the next turn", async () => {
  const { writes, write } = recorder();
  const lines = new BatchedLineWriter(write);
  for (const line of ["one", "two", "three"]) lines.write(line);
  assert.deepEqual(writes, []);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(writes, ["one\ntwo\nthree\n"]);
  lines.write("four");
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(writes, ["one\ntwo\nthree\n", "four\n"]);
});

Deno.test("BatchedLineWriter writes at once when maxBytes are waiting", async () => {
  const { writes, write } = recorder();
  const lines = new BatchedLineWriter(write, 10);
  lines.write("abcd");
  lines.write("efgh");
  assert.deepEqual(writes, ["abcd\nefgh\n"]);
  lines.write("i");
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(writes, ["abcd\nefgh\n", "i\n"]);
});

Deno.test("BatchedLineWriter drops a batch its write refuses and goes on", async () => {
  const written: string[] = [];
  let broken = true;
  const lines = new BatchedLineWriter((bytes) => {
    if (broken) throw new Deno.errors.BrokenPipe("stdout closed");
    written.push(new TextDecoder().decode(bytes));
  });
  lines.write("lost");
  await new Promise((resolve) => setTimeout(resolve, 0));
  broken = false;
  lines.write("kept");
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(written, ["kept\n"]);
});
