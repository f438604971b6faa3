import assert from "node:assert/strict";
import { encodeCommands, RedisReplyError, RespReader } from "../../src/cache/_resp_codec.ts";

const text = (value: string) => new TextEncoder().encode(value);

/** Feeds `wire` to a fresh reader in chunks of `size` bytes and collects every reply. */
function readAll(wire: Uint8Array, size: number) {
  const reader = new RespReader();
  const replies = [];
  for (let at = 0; at < wire.byteLength; at += size) {
    reader.push(wire.subarray(at, at + size));
    for (let reply = reader.next(); reply !== undefined; reply = reader.next()) replies.push(reply);
  }
  return replies;
}

Deno.test("encodeCommands() writes arrays of bulk strings back to back, bytes unchanged", () => {
  const wire = encodeCommands([["SET", "k", new Uint8Array([0, 13, 10, 255])], ["GET", "ké"]]);
  // "é" is two bytes in UTF-8, so that bulk string's length is 3.
  const expected = [
    ...text("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\n"),
    ...[0, 13, 10, 255],
    ...text("\r\n*2\r\n$3\r\nGET\r\n$3\r\nk\u00e9\r\n"),
  ];
  assert.deepEqual([...wire], expected);
});

Deno.test("RespReader decodes every RESP2 type", () => {
  const wire = text(
    "+OK\r\n-ERR bad\r\n:-12\r\n$3\r\nabc\r\n$-1\r\n*-1\r\n$0\r\n\r\n*3\r\n:1\r\n*1\r\n+x\r\n$-1\r\n",
  );
  const replies = readAll(wire, wire.byteLength);
  assert.equal(replies.length, 8);
  assert.equal(replies[0], "OK");
  assert.ok(replies[1] instanceof RedisReplyError);
  assert.equal((replies[1] as Error).message, "ERR bad");
  assert.equal(replies[2], -12);
  assert.deepEqual(replies[3], text("abc"));
  assert.equal(replies[4], null);
  assert.equal(replies[5], null);
  assert.deepEqual(replies[6], new Uint8Array(0));
  assert.deepEqual(replies[7], [1, ["x"], null]);
});

Deno.test("RespReader gives the same replies whatever the chunk size", () => {
  const image = Uint8Array.from({ length: 70000 }, (_, i) => (i * 7919) % 256);
  const wire = new Uint8Array([
    ...text(`*3\r\n$${image.byteLength}\r\n`),
    ...image,
    ...text("\r\n:7\r\n:8\r\n+PONG\r\n"),
  ]);
  for (const size of [1, 2, 3, 5, 4096, 65536, wire.byteLength]) {
    const replies = readAll(wire, size);
    assert.equal(replies.length, 2, `chunk size ${size}`);
    assert.deepEqual(replies[0], [image, 7, 8]);
    assert.equal(replies[1], "PONG");
  }
});

Deno.test("RespReader returns undefined until a bulk string's last byte and CRLF arrive", () => {
  const reader = new RespReader();
  reader.push(text("$5\r\nhel"));
  assert.equal(reader.next(), undefined);
  reader.push(text("lo\r"));
  assert.equal(reader.next(), undefined);
  reader.push(text("\n"));
  assert.deepEqual(reader.next(), text("hello"));
  assert.equal(reader.next(), undefined);
});

Deno.test("RespReader throws SyntaxError on an unknown type byte or a bad length", () => {
  for (const wire of ["?what\r\n", "$x\r\n", "*-2\r\n", ":\r\n"]) {
    const reader = new RespReader();
    reader.push(text(wire));
    assert.throws(() => reader.next(), SyntaxError, wire);
  }
});
