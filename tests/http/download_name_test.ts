import assert from "node:assert/strict";
import { attachmentDisposition, downloadName } from "../../src/http/download_name.ts";

Deno.test("downloadName() keeps the last segment and replaces what is unsafe", () => {
  const rows: [string, string][] = [
    ["IMG_0001.jpg", "IMG_0001.jpg"],
    ["2019/05/IMG 1.tif", "IMG 1.tif"],
    ['a\\b:c*d?e"f<g>h|i.png', "a_b_c_d_e_f_g_h_i.png"],
    ["tab\there\u0000.jpg", "tab_here_.jpg"],
    ["..", "original"],
    ["sub/", "original"],
    [".hidden.jpg", "hidden.jpg"],
    ["name. ", "name"],
    ["café.jpg", "café.jpg"],
    [`${"x".repeat(300)}.jpg`, `${"x".repeat(196)}.jpg`],
  ];
  for (const [name, expected] of rows) assert.equal(downloadName(name), expected, name);
});

Deno.test("attachmentDisposition() gives an ASCII filename and a UTF-8 filename*", () => {
  assert.equal(
    attachmentDisposition("a.jpg"),
    `attachment; filename="a.jpg"; filename*=UTF-8''a.jpg`,
  );
  assert.equal(
    attachmentDisposition("Ünïcode 'x' (1).tif"),
    `attachment; filename="_n_code 'x' (1).tif"; ` +
      `filename*=UTF-8''%C3%9Cn%C3%AFcode%20%27x%27%20%281%29.tif`,
  );
});
