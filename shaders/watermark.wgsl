// `watermark` in exact integers, bit-identical to the CPU kernel: the mark, repeated edge to edge
// from pattern position (offset_x, offset_y), weighs w = (ma·opacity + 127) / 255, then
// c' = (c·(255 − w) + mc·w + 127) / 255, both truncated (never a half, 255 being odd); alpha kept.

struct Params {
  width: u32,
  height: u32,
  mark_width: u32,
  mark_height: u32,
  // Already reduced below mark_width and mark_height, so the sums below cannot wrap.
  offset_x: u32,
  offset_y: u32,
  // 0-255.
  opacity: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> source: array<u32>;
@group(0) @binding(2) var<storage, read> mark: array<u32>;
@group(0) @binding(3) var<storage, read_write> output: array<u32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let i = id.y * params.width + id.x;
  let p = source[i];
  let mx = (id.x + params.offset_x) % params.mark_width;
  let my = (id.y + params.offset_y) % params.mark_height;
  let q = mark[my * params.mark_width + mx];
  let w = ((q >> 24u) * params.opacity + 127u) / 255u;
  let channel = vec3<u32>(255u);
  let c = (vec3<u32>(p, p >> 8u, p >> 16u) & channel) * (255u - w);
  let m = (vec3<u32>(q, q >> 8u, q >> 16u) & channel) * w;
  let blended = (c + m + 127u) / 255u;
  output[i] = (p & 0xff000000u) | (blended.b << 16u) | (blended.g << 8u) | blended.r;
}
