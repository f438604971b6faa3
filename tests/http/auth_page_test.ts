import assert from "node:assert/strict";
import { authPage, scriptJson } from "../../src/http/auth_page.ts";

Deno.test("scriptJson() cannot close the script element or break the script", () => {
  const text = scriptJson({ messageId: "</script><script>alert(1)</script>\u2028" });
  assert.ok(!text.includes("<"));
  assert.ok(!text.includes("\u2028"));
  assert.deepEqual(JSON.parse(text), { messageId: "</script><script>alert(1)</script>\u2028" });
});

Deno.test("authPage() runs only its own script, is never cached and sends no referrer", async () => {
  const response = authPage({ title: "A <b>", body: "<p>x</p>", script: "go();" });
  const csp = response.headers.get("content-security-policy")!;
  const nonce = /'nonce-([0-9a-f-]+)'/.exec(csp)![1];
  const html = await response.text();
  assert.ok(html.includes(`<script nonce="${nonce}">go();</script>`));
  assert.ok(html.includes("<title>A &lt;b&gt;</title>"));
  assert.match(csp, /default-src 'none'/);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.equal(response.headers.get("referrer-policy"), "no-referrer");
  const other = authPage({ title: "B", body: "" });
  assert.doesNotMatch(await other.text(), /<script/);
  assert.notEqual(other.headers.get("content-security-policy"), csp, "a fresh nonce each time");
});
