// First pass of `resize`: for each source column the horizontal pass will read and each output
// row of the band, the premultiplied weighted sum of the source rows that output row covers
// (the CPU's `sumRows`). Weights come from the same `axisWeights` table the CPU reads.

struct Params {
  source_width: u32,
  // Pixel index, in the whole source, of word 0 of the bound `source` window.
  window_base: u32,
  first_column: u32,
  columns: u32,
  // Output rows in this band, and the first one's index in the whole output.
  rows: u32,
  first_row: u32,
  // The table: `first[length]`, `count[length]`, then `length` rows of `taps` f32 weights.
  table: u32,
  length: u32,
  taps: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> source: array<u32>;
@group(0) @binding(2) var<storage, read> tables: array<u32>;
@group(0) @binding(3) var<storage, read_write> sums: array<vec4<f32>>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.columns || id.y >= params.rows) {
    return;
  }
  let y = params.first_row + id.y;
  let first = tables[params.table + y];
  let count = tables[params.table + params.length + y];
  let weights = params.table + 2u * params.length + y * params.taps;
  let column = params.first_column + id.x - params.window_base;
  var sum = vec4<f32>(0.0);
  for (var t = 0u; t < count; t++) {
    let p = source[(first + t) * params.source_width + column];
    sum += bitcast<f32>(tables[weights + t]) * premultiplied(p);
  }
  sums[id.y * params.columns + id.x] = sum;
}
