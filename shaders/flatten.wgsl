// `flatten` onto white in exact integers, bit-identical to the CPU kernel:
// c' = (c·a + 255·(255 − a) + 127) / 255 truncated (never a half, 255 being odd), alpha 255.

struct Params {
  width: u32,
  height: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> source: array<u32>;
@group(0) @binding(2) var<storage, read_write> output: array<u32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let i = id.y * params.width + id.x;
  let p = source[i];
  let a = p >> 24u;
  let white = 255u * (255u - a) + 127u;
  let c = (vec3<u32>(p, p >> 8u, p >> 16u) & vec3<u32>(255u)) * a + white;
  let flat = c / 255u;
  output[i] = 0xff000000u | (flat.b << 16u) | (flat.g << 8u) | flat.r;
}
