/**
 * Whether glibc's huge-page malloc settings pay off for Tessera: the first requests of a freshly
 * started server (where every large buffer is new memory) with and without
 * `GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:
 * glibc.malloc.trim_threshold=17179869184`, three restarts each, on the peer benchmark's corpus.
 * Prints the median wall time of each request in milliseconds.
 *
 * Run: `deno run -A bench/glibc_tunables.ts` (part of `deno task bench`)
 *
 * @module
 */
import { buildCorpus } from "./peers/corpus.ts";
import { median } from "./peers/measure.ts";
import { tesseraKind } from "./peers/tessera_server.ts";

const TUNABLES = "glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:" +
  "glibc.malloc.trim_threshold=17179869184";
const RESTARTS = 3;

const workDir = await Deno.makeTempDir({ prefix: "tessera-tunables-" });
try {
  const corpus = await buildCorpus(`${workDir}/sources/bench`);
  const requests: [string, string][] = [
    [corpus.bigTiff, "full/!1024,1024/0/default.jpg"],
    [corpus.photoJpeg, "full/max/0/default.jpg"],
    [corpus.png, "full/max/0/default.jpg"],
  ];
  console.log(
    `| GLIBC_TUNABLES | ${requests.map(([file, tail]) => `${file} ${tail}`).join(" | ")} |`,
  );
  console.log(`| --- | ${requests.map(() => "---").join(" | ")} |`);
  for (
    const [label, env] of [["unset", {}], ["huge pages", { GLIBC_TUNABLES: TUNABLES }]] as const
  ) {
    const kind = tesseraKind(workDir, false, env);
    const times: number[][] = requests.map(() => []);
    for (let restart = 0; restart < RESTARTS; restart++) {
      const server = await kind.start();
      try {
        for (const [i, [file, tail]] of requests.entries()) {
          const started = performance.now();
          const response = await fetch(server.baseUrl + kind.path(file, tail));
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${file} ${tail}: ${response.status}`);
          times[i].push(performance.now() - started);
        }
      } finally {
        await server.stop();
      }
    }
    console.log(`| ${label} | ${times.map((t) => median(t).toFixed(0)).join(" | ")} |`);
  }
} finally {
  await Deno.remove(workDir, { recursive: true });
}
