import assert from "node:assert/strict";
import type { ListenerSnapshot } from "../../src/http/listener_snapshot.ts";
import { encodeSource, quadrantRaster, type TestServer, withServer } from "./server_fixture.ts";

const TOKEN_ENV = "TESSERA_E2E_LISTENERS_TOKEN";
const TOKEN = "listeners-e2e-token";
/** New connections asked: the kernel spreads them over the listeners by their addresses. */
const CONNECTIONS = 40;

/** GETs `path` on a connection of its own, so any listener may answer it. */
async function getFresh(t: TestServer, path: string, init: RequestInit = {}): Promise<Response> {
  using client = Deno.createHttpClient({});
  const response = await fetch(`${t.url}${path}`, { ...init, client });
  await response.arrayBuffer();
  return response;
}

/** The body of `path`, asked on a connection of its own. */
async function textFresh(t: TestServer, path: string): Promise<string> {
  using client = Deno.createHttpClient({});
  return await (await fetch(`${t.url}${path}`, { client })).text();
}

function requestsOf(snapshot: ListenerSnapshot, route: string): number {
  const family = snapshot.families.find((f) => f.name === "tessera_http_requests_total")!;
  return family.samples
    .filter((sample) => sample.labels.route === route)
    .reduce((sum, sample) => sum + sample.value, 0);
}

function metricValue(text: string, line: string): number {
  const found = text.split("\n").find((candidate) => candidate.startsWith(`${line} `));
  return Number(found?.split(" ")[1] ?? NaN);
}

async function withListeners(
  config: Record<string, unknown>,
  body: (t: TestServer) => Promise<void>,
): Promise<void> {
  const files = { "quad.jpg": await encodeSource(quadrantRaster(640, 480), "jpg") };
  Deno.env.set(TOKEN_ENV, TOKEN);
  try {
    await withServer({
      files,
      config: { http_listeners: 2, image_pool_size: 2, admin_token_env: TOKEN_ENV, ...config },
    }, body);
  } finally {
    Deno.env.delete(TOKEN_ENV);
  }
}

Deno.test("two HTTP listeners share the port; /metrics and /status count both", async () => {
  await withListeners({}, async (t) => {
    for (let n = 0; n < CONNECTIONS; n++) {
      const response = await getFresh(t, `/iiif/3/quad.jpg/full/${100 + n},/0/default.jpg`);
      assert.equal(response.status, 200);
    }
    const [other] = await t.server.deps.peers!.snapshots();
    const answeredThere = requestsOf(other, "image");
    assert.ok(
      answeredThere > 0 && answeredThere < CONNECTIONS,
      `the other listener answered ${answeredThere}`,
    );
    // Whichever listener is asked, it reports every request of both.
    for (let n = 0; n < 6; n++) {
      const metrics = await textFresh(t, "/metrics");
      const images = metricValue(
        metrics,
        'tessera_http_requests_total{route="image",status="200"}',
      );
      assert.equal(images, CONNECTIONS);
      assert.equal(metricValue(metrics, 'tessera_workers{state="idle"}'), 4, "two each");
    }
    const status = JSON.parse(await textFresh(t, "/status")) as { workers: { size: number } };
    assert.equal(status.workers.size, 4, "two image workers each");
  });
});

Deno.test("the derivative cache stays one: what the other listener renders, the main thread stores", async () => {
  await withListeners({}, async (t) => {
    const sizes = Array.from({ length: 12 }, (_, n) => 120 + n);
    for (const size of sizes) await getFresh(t, `/iiif/3/quad.jpg/full/${size},/0/default.jpg`);
    const [other] = await t.server.deps.peers!.snapshots();
    assert.ok(requestsOf(other, "image") > 0, "the other listener rendered some");
    assert.equal(other.cache.entries, 0, "it keeps no cache of its own");
    assert.equal(t.server.deps.renderer.stats().entries, sizes.length);
    // Asked again anywhere: a hit, from a memory layer or from the one cache on disk.
    for (const size of sizes) {
      const response = await getFresh(t, `/iiif/3/quad.jpg/full/${size},/0/default.jpg`);
      assert.match(response.headers.get("server-timing") ?? "", /cache;desc="hit"/);
    }
  });
});

Deno.test("a purge asked of either listener empties both memory layers before it answers", async () => {
  await withListeners({}, async (t) => {
    const path = "/iiif/3/quad.jpg/full/200,/0/default.jpg";
    for (let n = 0; n < CONNECTIONS / 2; n++) await getFresh(t, path);
    const peers = t.server.deps.peers!;
    assert.equal((await peers.snapshots())[0].cache.memory?.entries, 1, "the other one holds it");
    for (let round = 0; round < 4; round++) {
      const purge = await getFresh(t, "/cache/quad.jpg", {
        method: "DELETE",
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(purge.status, 200);
      assert.equal((await peers.snapshots())[0].cache.memory?.entries, 0);
      assert.equal(t.server.deps.renderer.stats().memory?.entries, 0);
      assert.equal(t.server.deps.renderer.stats().entries, 0);
      for (let n = 0; n < 8; n++) await getFresh(t, path);
    }
  });
});

Deno.test("without a derivative cache, the other listener does not ask the main thread", async () => {
  await withListeners({ derivative_cache_max_bytes: 0 }, async (t) => {
    for (let n = 0; n < CONNECTIONS / 2; n++) {
      const response = await getFresh(t, `/iiif/3/quad.jpg/full/${100 + n},/0/default.jpg`);
      assert.match(response.headers.get("server-timing") ?? "", /cache;desc="miss"/);
    }
    const [other] = await t.server.deps.peers!.snapshots();
    const there = requestsOf(other, "image");
    assert.ok(there > 0, "the other listener answered some");
    assert.equal(other.cache.misses, there, "it looked them up in a cache of its own");
    const here = t.server.deps.renderer.stats().misses;
    assert.equal(here, CONNECTIONS / 2 - there, "the main thread's cache saw only its own");
  });
});

Deno.test("a dead HTTP listener is replaced and serves again", async () => {
  await withListeners({}, async (t) => {
    const listeners = t.server.listeners!;
    listeners.recycle(1);
    let answered = 0;
    for (let attempt = 0; attempt < 100 && answered === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (let n = 0; n < 10; n++) {
        assert.equal((await getFresh(t, "/iiif/3/quad.jpg/full/90,/0/default.jpg")).status, 200);
      }
      const [other] = await t.server.deps.peers!.snapshots();
      answered = other ? requestsOf(other, "image") : 0;
    }
    assert.ok(answered > 0, "the replacement answered requests");
  });
});
