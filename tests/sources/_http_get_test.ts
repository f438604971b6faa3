import assert from "node:assert/strict";
import { UpstreamError } from "../../src/sources/mod.ts";
import { httpGet } from "../../src/sources/_http_get.ts";
import { startUpstream } from "./_upstream.ts";

const JOB = { identifier: "web:a.png", signal: new AbortController().signal };

async function bodyText(body: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of body) text += decoder.decode(chunk, { stream: true });
  return text;
}

Deno.test("httpGet() connects to the given address, not to what the host name resolves to", async () => {
  await using upstream = startUpstream({
    "/a.png": (request) => new Response(`host ${request.headers.get("host")}`),
  });
  const { port } = new URL(upstream.origin);
  // .invalid never resolves: the request can only arrive through the pinned address.
  const url = new URL(`http://images.invalid:${port}/a.png`);
  const addresses = [{ address: "127.0.0.1", family: 4 as const }];
  const response = await httpGet(url, { addresses, job: JOB });
  assert.equal(response.status, 200);
  assert.equal(await bodyText(response.body), `host images.invalid:${port}`);
  assert.equal(upstream.hits("/a.png"), 1);
});

Deno.test("httpGet() returns a redirect unfollowed, with its Location", async () => {
  await using upstream = startUpstream({
    "/a.png": () => new Response(null, { status: 302, headers: { location: "/b.png" } }),
  });
  const addresses = [{ address: "127.0.0.1", family: 4 as const }];
  const response = await httpGet(new URL(`${upstream.origin}/a.png`), { addresses, job: JOB });
  response.discard();
  assert.deepEqual([response.status, response.location], [302, "/b.png"]);
  assert.equal(upstream.hits("/b.png"), 0);
});

Deno.test("httpGet() throws UpstreamError naming the host when nothing listens", async () => {
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const url = new URL(`http://images.invalid:${closed.addr.port}/a.png`);
  closed.close();
  const addresses = [{ address: "127.0.0.1", family: 4 as const }];
  await assert.rejects(httpGet(url, { addresses, job: JOB }), {
    name: UpstreamError.name,
    message: `Cannot fetch "web:a.png" from ${url.host}: the connection was refused`,
  });
});
