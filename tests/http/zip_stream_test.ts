import assert from "node:assert/strict";
import { MAX_ZIP_BYTES, type ZipEntry, zipLength, zipStream } from "../../src/http/zip_stream.ts";
import { crc32 } from "node:zlib";

const MODIFIED = new Date(Date.UTC(2024, 4, 17, 13, 45, 30));

function entryOf(name: string, bytes: Uint8Array, chunkSize = 1000): ZipEntry {
  return {
    name,
    size: bytes.byteLength,
    modified: MODIFIED,
    async *chunks() {
      for (let at = 0; at < bytes.byteLength; at += chunkSize) {
        yield bytes.slice(at, at + chunkSize);
      }
    },
  };
}

function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
  return bytes;
}

async function run(command: string, args: string[], cwd?: string) {
  const output = await new Deno.Command(command, { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, `${command} ${args.join(" ")} failed:\n${text}`);
  return text;
}

Deno.test("crc32() matches the check value and continues across chunks", () => {
  const text = new TextEncoder().encode("123456789");
  assert.equal(crc32(text), 0xcbf43926);
  assert.equal(crc32(text.subarray(4), crc32(text.subarray(0, 4))), 0xcbf43926);
  assert.equal(crc32(new Uint8Array(0)), 0);
});

Deno.test("zipStream() writes headers, data descriptors and a central directory", async () => {
  const data = new TextEncoder().encode("hello zip");
  const zip = new Uint8Array(await new Response(zipStream([entryOf("a.txt", data)])).arrayBuffer());
  const view = new DataView(zip.buffer);
  assert.equal(zip.byteLength, zipLength([{ name: "a.txt", size: data.byteLength }]));
  assert.equal(view.getUint32(0, true), 0x04034b50);
  assert.equal(view.getUint16(6, true), 0x0808, "data descriptor and UTF-8 flags");
  assert.equal(view.getUint16(8, true), 0, "stored");
  assert.equal(view.getUint16(10, true), (13 << 11) | (45 << 5) | 15, "DOS time");
  assert.equal(view.getUint16(12, true), (44 << 9) | (5 << 5) | 17, "DOS date");
  const descriptor = 30 + 5 + data.byteLength;
  assert.equal(view.getUint32(descriptor, true), 0x08074b50);
  assert.equal(view.getUint32(descriptor + 4, true), crc32(data));
  assert.equal(view.getUint32(descriptor + 8, true), data.byteLength);
  const central = descriptor + 16;
  assert.equal(view.getUint32(central, true), 0x02014b50);
  assert.equal(view.getUint32(central + 16, true), crc32(data));
  assert.equal(view.getUint32(central + 42, true), 0, "local header offset");
  const end = zip.byteLength - 22;
  assert.equal(view.getUint32(end, true), 0x06054b50);
  assert.equal(view.getUint16(end + 10, true), 1, "entries");
  assert.equal(view.getUint32(end + 16, true), central, "central directory offset");
});

Deno.test("zipStream() archives pass unzip -t and python's zipfile and round-trip", async () => {
  const dir = await Deno.makeTempDir({ prefix: "tessera-zip-" });
  try {
    const files = {
      "empty.bin": new Uint8Array(0),
      "café ünïcode.jpg": randomBytes(3000),
      "big.bin": randomBytes(2_500_000),
    };
    const entries = Object.entries(files).map(([name, bytes]) => entryOf(name, bytes, 65536));
    const zip = new Uint8Array(await new Response(zipStream(entries)).arrayBuffer());
    assert.equal(zip.byteLength, zipLength(entries));
    await Deno.writeFile(`${dir}/all.zip`, zip);
    assert.match(await run("unzip", ["-t", "all.zip"], dir), /No errors detected/);
    await run("python3", ["-m", "zipfile", "-t", "all.zip"], dir);
    await run("unzip", ["-q", "all.zip", "-d", "out"], dir);
    for (const [name, bytes] of Object.entries(files)) {
      assert.deepEqual(await Deno.readFile(`${dir}/out/${name}`), bytes, name);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("zipStream() reads each entry only as fast as the archive is read", async () => {
  const chunk = 65536;
  let produced = 0;
  const entries: ZipEntry[] = [0, 1, 2].map((i) => ({
    name: `part${i}.bin`,
    size: 4 * 1024 * 1024,
    modified: MODIFIED,
    async *chunks() {
      for (let at = 0; at < 4 * 1024 * 1024; at += chunk) {
        produced += chunk;
        yield new Uint8Array(chunk);
      }
    },
  }));
  const reader = zipStream(entries).getReader();
  let delivered = 0;
  let mostAhead = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (next.value.byteLength === chunk) delivered += chunk;
    mostAhead = Math.max(mostAhead, produced - delivered);
  }
  assert.equal(delivered, 12 * 1024 * 1024);
  // Several MB passed through while at most one chunk beyond what was read was ever produced.
  assert.ok(mostAhead <= chunk, `${mostAhead} bytes were read ahead`);
});

Deno.test("zipStream() errors when an entry yields another size than announced", async () => {
  const entry = { ...entryOf("short.bin", new Uint8Array(10)), size: 11 };
  await assert.rejects(new Response(zipStream([entry])).arrayBuffer(), /gave 10 bytes/);
  const long = { ...entryOf("long.bin", new Uint8Array(10)), size: 9 };
  await assert.rejects(new Response(zipStream([long])).arrayBuffer(), /not the 9 announced/);
});

Deno.test("zipStream() refuses archives beyond 4 GiB and duplicate or empty names", () => {
  const huge = { ...entryOf("huge.tif", new Uint8Array(0)), size: MAX_ZIP_BYTES };
  assert.throws(() => zipStream([huge]), RangeError);
  const a = entryOf("a.jpg", new Uint8Array(1));
  assert.throws(() => zipStream([a, a]), /twice/);
  assert.throws(() => zipStream([entryOf("", new Uint8Array(1))]), TypeError);
});
