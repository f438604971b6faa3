import assert from "node:assert/strict";
import { describeError } from "../../src/sources/mod.ts";

Deno.test("describeError() lists an error and its causes, at most five deep", () => {
  const root = new RangeError("Bad scale", { cause: "raw text" });
  const error = new Error("Render failed", { cause: root });
  assert.equal(describeError(error), "Error: Render failed <- RangeError: Bad scale <- raw text");
  assert.equal(describeError("plain"), "plain");
  let deep: Error = new Error("0");
  for (let i = 1; i < 8; i++) deep = new Error(String(i), { cause: deep });
  assert.equal(describeError(deep).split(" <- ").length, 5);
});
