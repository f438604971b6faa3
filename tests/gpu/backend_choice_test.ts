import assert from "node:assert/strict";
import { chooseBackend } from "../../src/gpu/backend_choice.ts";

const LLVMPIPE = {
  description: "llvmpipe (LLVM 15.0.6, 256 bits)",
  vendor: "65541",
  architecture: "",
  isFallbackAdapter: true,
};
const DISCRETE = {
  description: "NVIDIA GeForce RTX 4070",
  vendor: "nvidia",
  architecture: "ada",
  isFallbackAdapter: false,
};

Deno.test("chooseBackend() uses the CPU with gpu: off, whatever the adapter", () => {
  assert.equal(chooseBackend("off", DISCRETE).use, "cpu");
  assert.equal(chooseBackend("off", undefined).use, "cpu");
});

Deno.test("chooseBackend() forces the GPU with gpu: on, even a software one", () => {
  assert.deepEqual(chooseBackend("on", LLVMPIPE), {
    use: "gpu",
    reason: "gpu: on (llvmpipe (LLVM 15.0.6, 256 bits))",
  });
  assert.equal(chooseBackend("on", DISCRETE).use, "gpu");
});

Deno.test("chooseBackend() refuses gpu: on without an adapter", () => {
  assert.throws(() => chooseBackend("on", undefined), /gpu: on: WebGPU found no adapter/);
});

Deno.test("chooseBackend() with gpu: auto keeps software adapters on the CPU", () => {
  assert.equal(chooseBackend("auto", undefined).use, "cpu");
  const choice = chooseBackend("auto", LLVMPIPE);
  assert.equal(choice.use, "cpu");
  assert.match(choice.reason, /llvmpipe .* is a software adapter/);
  const unflagged = { ...LLVMPIPE, description: "SwiftShader Device", isFallbackAdapter: false };
  assert.equal(chooseBackend("auto", unflagged).use, "cpu");
});

Deno.test("chooseBackend() with gpu: auto measures on a hardware adapter", () => {
  assert.equal(chooseBackend("auto", DISCRETE).use, "measure");
});
