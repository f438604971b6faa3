// Pixel words shared by the kernels that blend: prepended to resize_*.wgsl and rotate.wgsl when
// they are compiled (WGSL has no include). A pixel is RGBA8 packed little-endian in a u32, R in
// the low byte, exactly as the CPU kernels see it through an Int32Array.

// The four channels of `p` on the 0-255 scale, read as integers so no unorm rounding enters.
fn channels(p: u32) -> vec4<f32> {
  return vec4<f32>(vec4<u32>(p, p >> 8u, p >> 16u, p >> 24u) & vec4<u32>(255u));
}

// `p` weighted by its alpha: transparent pixels then lend no colour to a blend.
fn premultiplied(p: u32) -> vec4<f32> {
  let c = channels(p);
  return vec4<f32>(c.rgb * c.a, c.a);
}

// The CPU's `unpremultiply`: divide by the summed alpha, clamp to 0-255, round half up; an alpha
// that rounds to 0 gives transparent black.
fn unpremultiply(sum: vec4<f32>) -> u32 {
  if (sum.a < 0.5) {
    return 0u;
  }
  let colour = vec4<f32>(sum.rgb * (1.0 / sum.a), sum.a);
  let b = vec4<u32>(clamp(floor(colour + 0.5), vec4<f32>(0.0), vec4<f32>(255.0)));
  return b.r | (b.g << 8u) | (b.b << 16u) | (b.a << 24u);
}
