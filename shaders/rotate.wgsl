// `rotate` by an arbitrary angle, clockwise, into the bounding box: each output pixel centre is
// turned back into the source and its four neighbours blended bilinearly on premultiplied alpha;
// neighbours outside the source are the background word (the CPU's `rotateRow`).

struct Params {
  source_width: u32,
  source_height: u32,
  width: u32,
  height: u32,
  cos: f32,
  sin: f32,
  background: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> source: array<u32>;
@group(0) @binding(2) var<storage, read_write> output: array<u32>;

fn neighbour(x: i32, y: i32) -> u32 {
  let w = i32(params.source_width);
  let h = i32(params.source_height);
  if (x < 0 || y < 0 || x >= w || y >= h) {
    return params.background;
  }
  return source[u32(y * w + x)];
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.width || id.y >= params.height) {
    return;
  }
  let w = f32(params.source_width);
  let h = f32(params.source_height);
  let dx = f32(id.x) + 0.5 - f32(params.width) / 2.0;
  let dy = f32(id.y) + 0.5 - f32(params.height) / 2.0;
  let sx = dx * params.cos + dy * params.sin + w / 2.0 - 0.5;
  let sy = dy * params.cos - dx * params.sin + h / 2.0 - 0.5;
  let o = id.y * params.width + id.x;
  if (sx <= -1.0 || sy <= -1.0 || sx >= w || sy >= h) {
    output[o] = params.background;
    return;
  }
  let x0 = floor(sx);
  let y0 = floor(sy);
  let fx = sx - x0;
  let fy = sy - y0;
  let x = i32(x0);
  let y = i32(y0);
  let sum = (1.0 - fx) * (1.0 - fy) * premultiplied(neighbour(x, y)) +
    fx * (1.0 - fy) * premultiplied(neighbour(x + 1, y)) +
    (1.0 - fx) * fy * premultiplied(neighbour(x, y + 1)) +
    fx * fy * premultiplied(neighbour(x + 1, y + 1));
  output[o] = unpremultiply(sum);
}
