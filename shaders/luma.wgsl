// `gray` and `bitonal`: the Rec. 709 luma of the 8-bit values, (2126 R + 7152 G + 722 B + 5000)
// / 10000 in exact integers as the CPU computes it, written to R, G and B; alpha kept.

struct Params {
  width: u32,
  height: u32,
  // `bitonal` only: luma at or above it is white, below it black.
  threshold: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> source: array<u32>;
@group(0) @binding(2) var<storage, read_write> output: array<u32>;

fn luma(p: u32) -> u32 {
  let c = vec3<u32>(p, p >> 8u, p >> 16u) & vec3<u32>(255u);
  return (2126u * c.r + 7152u * c.g + 722u * c.b + 5000u) / 10000u;
}

fn write(id: vec3<u32>, level: u32, p: u32) {
  output[id.y * params.width + id.x] = (p & 0xff000000u) | (level * 0x010101u);
}

@compute @workgroup_size(8, 8)
fn gray(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let p = source[id.y * params.width + id.x];
  write(id, luma(p), p);
}

@compute @workgroup_size(8, 8)
fn bitonal(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let p = source[id.y * params.width + id.x];
  write(id, select(0u, 255u, f32(luma(p)) >= params.threshold), p);
}
