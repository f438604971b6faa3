// Exact pixel moves: output (x, y) is source word `origin + x * step_x + y * step_y`. Whole-pixel
// crops, `mirror` and `rotate90` are all such maps (`PixelMap` in src/ops/pixel_map.ts).

struct Params {
  width: u32,
  height: u32,
  origin: i32,
  step_x: i32,
  step_y: i32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> source: array<u32>;
@group(0) @binding(2) var<storage, read_write> output: array<u32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let index = params.origin + i32(id.x) * params.step_x + i32(id.y) * params.step_y;
  output[id.y * params.width + id.x] = source[u32(index)];
}
