import assert from "node:assert/strict";
import { textResponse } from "../../src/http/text_response.ts";

Deno.test("textResponse() writes one line with its length and keeps the given headers", async () => {
  const response = textResponse("Method PUT not allowed", {
    status: 405,
    headers: { allow: "GET" },
  });
  const body = new Uint8Array(await response.arrayBuffer());
  assert.equal(response.status, 405);
  assert.equal(new TextDecoder().decode(body), "Method PUT not allowed\n");
  assert.equal(response.headers.get("content-length"), String(body.length));
  assert.equal(response.headers.get("allow"), "GET");
  assert.equal(response.headers.get("content-type"), "text/plain; charset=utf-8");
});

Deno.test("textResponse() escapes C0 and C1 control characters, not other text", async () => {
  const response = textResponse("a\u0000\t\n\u001b\u007f\u009f é ✓", { status: 400 });
  assert.equal(await response.text(), "a\\u0000\\u0009\\u000a\\u001b\\u007f\\u009f é ✓\n");
});

Deno.test("textResponse() cuts a message quoting a hostile URL to 300 characters", async () => {
  const response = textResponse(`No such resource: /${"a".repeat(5000)}`, { status: 404 });
  const text = await response.text();
  assert.equal(text, `No such resource: /${"a".repeat(281)}…\n`);
  assert.ok(new TextEncoder().encode(text).length < 320);
});
