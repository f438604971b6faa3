import assert from "node:assert/strict";
import { colourManagementInfo } from "../../../src/codecs/colour/mod.ts";

Deno.test("colourManagementInfo() reports Little CMS available when it loads", () => {
  assert.deepEqual(colourManagementInfo(), { available: true });
});

Deno.test("colourManagementInfo() warns, and pixels pass through, when Little CMS is missing", async () => {
  const script = new URL("./_run_without_lcms.ts", import.meta.url);
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-env", "--allow-ffi", script.href],
    env: { TESSERA_LCMS2_PATH: "/nonexistent/liblcms2.so.2" },
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.ok(output.success, stderr);
  const report = JSON.parse(new TextDecoder().decode(output.stdout));
  assert.equal(report.info.available, false);
  assert.match(report.info.warning, /Cannot load Little CMS from "\/nonexistent\/liblcms2.so.2"/);
  assert.match(report.info.warning, /install liblcms2-2/);
  assert.equal(report.converted, false);
  assert.deepEqual(report.rgb, [50, 150, 50, 255]);
  assert.deepEqual(report.cmyk, [0, 255, 255, 255], "the naive formula");
});
