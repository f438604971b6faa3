import assert from "node:assert/strict";
import { jp2Library } from "../../../src/codecs/jp2/mod.ts";
import { compressJp2, referenceDecode, testImage } from "./_jp2_fixtures.ts";
import { runJp2Worker } from "./_jp2_worker_client.ts";

Deno.test("jp2Library() reports OpenJPEG available when libopenjp2.so.7 loads", () => {
  assert.deepEqual(jp2Library(), { available: true });
});

Deno.test("openJp2() decodes in a Web Worker, which loads its own OpenJPEG", async () => {
  const file = await compressJp2(testImage(90, 60, 4), ["-n", "3", "-t", "32,32"]);
  const report = await runJp2Worker(file);
  assert.equal(report.error, undefined);
  assert.equal(report.available, true);
  const expected = await referenceDecode(file, "jp2", 1);
  assert.deepEqual(report.pixels, expected.data);
});

Deno.test("jp2Library() and openJp2() name libopenjp2-7 when OpenJPEG is missing", async () => {
  const file = await compressJp2(testImage(40, 30, 1), ["-n", "2"]);
  const dir = await Deno.makeTempDir({ prefix: "tessera-jp2-missing-" });
  try {
    await Deno.writeFile(`${dir}/in.jp2`, file);
    const script = new URL("./_run_jp2_worker.ts", import.meta.url);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "--allow-env", "--allow-ffi", script.href, `${dir}/in.jp2`],
      env: { TESSERA_OPENJPEG_PATH: "/nonexistent/libopenjp2.so.7" },
    }).output();
    const stderr = new TextDecoder().decode(output.stderr);
    assert.ok(output.success, stderr);
    const { main, worker } = JSON.parse(new TextDecoder().decode(output.stdout));
    for (const library of [main, worker]) {
      assert.equal(library.available, false);
      assert.match(library.warning, /"\/nonexistent\/libopenjp2\.so\.7".*install .*libopenjp2-7/);
    }
    assert.equal(worker.error, `UnsupportedSourceError: ${worker.warning}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
