import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "../../src/config/mod.ts";
import { startServer } from "../../src/http/mod.ts";
import { tcpSockets } from "../../src/http/tcp_no_delay.ts";
import { startServeProcess, startTaskFlags } from "./_serve_process.ts";
import { encodeSource, quadrantRaster, withServer } from "./server_fixture.ts";

/**
 * A certificate for 127.0.0.1 and the test CA that signed it, made by `openssl` (rustls, behind
 * Deno's fetch, refuses a self-signed certificate used as its own CA).
 */
async function testCertificate(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const [ca, cert, key] = [`${dir}/ca.pem`, `${dir}/cert.pem`, `${dir}/key.pem`];
  const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await Deno.writeTextFile(
    `${dir}/leaf.ext`,
    "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
  );
  await openssl(
    "req",
    "-x509",
    ...ecKey,
    "-keyout",
    `${dir}/ca.key`,
    "-out",
    ca,
    "-days",
    "2",
    "-subj",
    "/CN=Tessera test CA",
  );
  await openssl(
    "req",
    ...ecKey,
    "-keyout",
    key,
    "-out",
    `${dir}/leaf.csr`,
    "-subj",
    "/CN=127.0.0.1",
  );
  await openssl(
    "x509",
    "-req",
    "-in",
    `${dir}/leaf.csr`,
    "-CA",
    ca,
    "-CAkey",
    `${dir}/ca.key`,
    "-CAcreateserial",
    "-out",
    cert,
    "-days",
    "2",
    "-extfile",
    `${dir}/leaf.ext`,
  );
  return { ca, cert, key };
}

async function openssl(...args: string[]): Promise<void> {
  const made = await new Deno.Command("openssl", { args, stdout: "null", stderr: "piped" })
    .output();
  assert.ok(made.success, new TextDecoder().decode(made.stderr));
}

/** The HTTP version and status curl got for `url` (`"2 200"`), trusting `ca`. */
async function curlHttpVersion(url: string, ca: string, flag: string): Promise<string> {
  const args = ["-s", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", flag];
  args.push("--cacert", ca, url);
  const { stdout } = await new Deno.Command("curl", { args, stderr: "null" }).output();
  return new TextDecoder().decode(stdout);
}

Deno.test("tls: serves HTTPS with HTTP/2 by ALPN and HTTP/1.1 to clients without it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera-tls-" });
  try {
    const { ca, cert, key } = await testCertificate(dir);
    const files = { "a.jpg": await encodeSource(quadrantRaster(64, 48), "jpg") };
    await withServer({ files, config: { tls: { cert_file: cert, key_file: key } } }, async (t) => {
      assert.match(t.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const client = Deno.createHttpClient({ caCerts: [await Deno.readTextFile(ca)] });
      try {
        const response = await fetch(`${t.url}/iiif/3/a.jpg/info.json`, { client });
        assert.equal(response.status, 200);
        assert.equal((await response.json()).id, `${t.url}/iiif/3/a.jpg`);
      } finally {
        client.close();
      }
      const tile = `${t.url}/iiif/3/a.jpg/0,0,32,32/32,/0/default.jpg`;
      assert.equal(await curlHttpVersion(tile, ca, "--http2"), "2 200");
      assert.equal(await curlHttpVersion(tile, ca, "--http1.1"), "1.1 200");
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tls: a missing or non-PEM file stops the start, naming its key", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera-tls-" });
  try {
    await Deno.writeTextFile(`${dir}/key.pem`, "not a key");
    const start = (tls: Record<string, string>) =>
      startServer(parseConfig({ port: 0, tls }, { file: "(test)", baseDir: dir }));
    await assert.rejects(start({ cert_file: "missing.pem", key_file: "key.pem" }), (error) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /^Invalid config tls\.cert_file: cannot use ".*missing\.pem"/);
      return true;
    });
    await Deno.writeTextFile(`${dir}/cert.pem`, "-----BEGIN CERTIFICATE-----\n");
    await assert.rejects(start({ cert_file: "cert.pem", key_file: "key.pem" }), /tls\.key_file/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tls: accepted connections have Nagle's algorithm off, so answers do not wait for ACKs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera-tls-" });
  try {
    const { ca, cert, key } = await testCertificate(dir);
    await withServer(
      { files: {}, config: { tls: { cert_file: cert, key_file: key } } },
      async (t) => {
        const port = Number(new URL(t.url).port);
        const conn = await Deno.connectTls({
          hostname: "127.0.0.1",
          port,
          caCerts: [await Deno.readTextFile(ca)],
        });
        try {
          await conn.write(new TextEncoder().encode("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
          await conn.read(new Uint8Array(4096));
          // The server's end of the connection: local port `port`, not the listener.
          const accepted = tcpSockets(port).filter((socket) => !socket.listening);
          assert.equal(accepted.length, 1);
          assert.ok(accepted[0].noDelay);
        } finally {
          conn.close();
        }
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tls: with the permissions `deno task start` grants, Nagle's algorithm goes off too", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera-tls-" });
  try {
    const { cert, key } = await testCertificate(dir);
    const config = `${dir}/tessera.yml`;
    await Deno.writeTextFile(
      config,
      JSON.stringify({
        host: "127.0.0.1",
        port: 0,
        cache_path: `${dir}/cache`,
        source_path: dir,
        tls: { cert_file: cert, key_file: key },
      }),
    );
    const server = await startServeProcess(config, await startTaskFlags());
    try {
      assert.match(server.url, /^https:/);
      assert.doesNotMatch(server.stderr(), /WARNING/);
    } finally {
      server.child.kill("SIGTERM");
      await server.child.status;
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
