/**
 * A corpus of broken images, generated from intact JPEG, PNG, GIF, WebP, TIFF and JPEG 2000
 * files (truncated, bit-flipped, empty, misnamed, with absurd headers, looping TIFF directories
 * and absurd tile grids), all in one profile of a server with two workers. Every request must
 * fail alone, promptly, with a clear status and message; afterwards the same workers serve good
 * images.
 *
 * Everything is generated from {@linkcode SEED}; a failure prints it with the offending files.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { WorkerPoolStats } from "../../workers/mod.ts";
import { damagedSources } from "./_hostile_damage.ts";
import { inLanes } from "./_hostile_lanes.ts";
import { SeededRandom } from "./_hostile_random.ts";
import { intactSources } from "./_hostile_sources.ts";
import { get, type TestServer, withServer } from "./server_fixture.ts";

const SEED = 20261124;
/** What is asked of every file: its info.json and two image requests. */
const PATHS = ["info.json", "full/48,/0/default.png", "16,16,64,64/max/90/default.jpg"];
const CONCURRENCY = 4;
/** Per request; the slowest answer measured on a 2-core machine took under 250 ms. */
const DEADLINE_MS = 10_000;
const MAX_ERROR_BODY_BYTES = 1024;
/** What the server answers for an error it could not classify, which tells an operator nothing. */
const UNCLASSIFIED_ERROR = "Internal server error";

/** Files whose status is certain, by name pattern; anything else may decode or fail. */
const EXPECTED: ReadonlyArray<readonly [RegExp, number]> = [
  [/^empty\./, 500],
  [/-named\./, 200],
  [/^(looped|self-subifd|absurd|tiny-tiles)/, 500],
  [/^(good\.|deflate|jpeg|subifd|strips|icc|tiled|raw)/, 200],
];

async function corpus(random: SeededRandom): Promise<Record<string, Uint8Array>> {
  const scratch = await Deno.makeTempDir({ prefix: "tessera-corpus-" });
  try {
    const intact = await intactSources(scratch);
    return { ...intact, ...damagedSources(intact, random) };
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
}

/** What was wrong with the answer for `name`, or `undefined` when it was acceptable. */
function problemOf(
  name: string,
  answer: { status: number; text: string; bodyBytes: number; ms: number },
): string | undefined {
  const { status, text, bodyBytes, ms } = answer;
  const expected = EXPECTED.find(([pattern]) => pattern.test(name))?.[1];
  if (ms > DEADLINE_MS) return `answered after ${ms.toFixed(0)} ms`;
  if (expected !== undefined && status !== expected) return `status ${status}, not ${expected}`;
  if (status === 200) return undefined;
  if (!(status >= 400 && status < 500) && status !== 500) return `status ${status}`;
  if (bodyBytes === 0 || bodyBytes >= MAX_ERROR_BODY_BYTES) return `${bodyBytes}-byte body`;
  if (text.trim() === UNCLASSIFIED_ERROR) return "an unclassified error";
  return undefined;
}

async function request(server: TestServer, path: string): Promise<string | undefined> {
  const started = performance.now();
  try {
    const { response, body } = await get(server, path, {
      signal: AbortSignal.timeout(DEADLINE_MS),
    });
    const text = response.status === 200 ? "" : new TextDecoder().decode(body);
    const name = decodeURIComponent(path.split("/")[3].slice("test:".length));
    const problem = problemOf(name, {
      status: response.status,
      text,
      bodyBytes: body.length,
      ms: performance.now() - started,
    });
    return problem && `${problem} (${text.trim().slice(0, 120)})`;
  } catch (error) {
    return `no answer: ${error}`;
  }
}

async function statusJson(server: TestServer): Promise<{ workers: WorkerPoolStats }> {
  const { body } = await get(server, "/status");
  return JSON.parse(new TextDecoder().decode(body));
}

/** Requests every path, `CONCURRENCY` at a time; returns what went wrong. */
async function requestAll(server: TestServer, paths: readonly string[]): Promise<string[]> {
  const failures: string[] = [];
  await inLanes(paths, CONCURRENCY, async (path) => {
    const problem = await request(server, path);
    if (problem) failures.push(`${path}: ${problem}`);
  });
  return failures;
}

/** Three copies of each intact `good.*` file, named `fresh-…`, for after the corpus. */
function freshCopies(files: Readonly<Record<string, Uint8Array>>): Record<string, Uint8Array> {
  const goods = Object.entries(files).filter(([name]) => name.startsWith("good."));
  return Object.fromEntries(
    goods.flatMap(([name, bytes]) => [1, 2, 3].map((copy) => [`fresh-${copy}-${name}`, bytes])),
  );
}

Deno.test("broken sources each fail alone with a clear status; the workers keep serving", async () => {
  const corpusFiles = await corpus(new SeededRandom(SEED));
  // Asked for only at the end, so they are decoded then, not served from a cache.
  const fresh = freshCopies(corpusFiles);
  const files = { ...corpusFiles, ...fresh };
  await withServer({ files, config: { image_pool_size: 2 } }, async (server) => {
    const before = await statusJson(server);
    const paths = Object.keys(corpusFiles).flatMap((name) =>
      PATHS.map((path) => `/iiif/3/test:${encodeURIComponent(name)}/${path}`)
    );
    const failures = await requestAll(server, paths);
    assert.equal(
      failures.length,
      0,
      `seed ${SEED}: ${failures.length} of ${paths.length} answers were wrong, e.g.\n` +
        failures.slice(0, 10).join("\n"),
    );
    const after = await statusJson(server);
    assert.equal(after.workers.size, before.workers.size);
    assert.equal(after.workers.restarts, 0);
    // Every kind of good file decoded afresh, twelve jobs at once spread over the pool.
    const answers = await Promise.all(
      Object.keys(fresh).map((name) => get(server, `/iiif/3/test:${name}/full/40,/0/default.png`)),
    );
    for (const [i, { response }] of answers.entries()) {
      assert.equal(response.status, 200, Object.keys(fresh)[i]);
      assert.equal(response.headers.get("content-type"), "image/png");
    }
  });
});
