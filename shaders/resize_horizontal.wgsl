// Second pass of `resize`: each output pixel of the band sums its columns of the vertical pass's
// rows with the across table's weights and is unpremultiplied (the CPU's `sumColumns`).

struct Params {
  // The vertical pass's row length and the source column its first entry holds.
  columns: u32,
  first_column: u32,
  width: u32,
  rows: u32,
  first_row: u32,
  // The table: `first[width]`, `count[width]`, then `width` rows of `taps` f32 weights.
  table: u32,
  taps: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> sums: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> tables: array<u32>;
@group(0) @binding(3) var<storage, read_write> output: array<u32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.width || id.y >= params.rows) {
    return;
  }
  let first = tables[params.table + id.x];
  let count = tables[params.table + params.width + id.x];
  let weights = params.table + 2u * params.width + id.x * params.taps;
  let row = id.y * params.columns + first - params.first_column;
  var sum = vec4<f32>(0.0);
  for (var t = 0u; t < count; t++) {
    sum += bitcast<f32>(tables[weights + t]) * sums[row + t];
  }
  output[(params.first_row + id.y) * params.width + id.x] = unpremultiply(sum);
}
