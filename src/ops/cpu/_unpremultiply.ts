/**
 * Packs a premultiplied colour sum into an RGBA word: `r`, `g` and `b` are sums of
 * `weight × alpha × channel`, `a` the sum of `weight × alpha` (all on the 0–255 scale), so
 * dividing by `a` recovers the colour without bleeding from transparent pixels. Each channel is
 * clamped to 0–255 and rounded half up (as WGSL's `pack4x8unorm`). A pixel whose alpha rounds to
 * 0 comes out as transparent black.
 */
export function unpremultiply(r: number, g: number, b: number, a: number): number {
  if (a < 0.5) return 0;
  const inverse = 1 / a;
  return (toByte(a) << 24) | (toByte(b * inverse) << 16) | (toByte(g * inverse) << 8) |
    toByte(r * inverse);
}

function toByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : (value + 0.5) | 0;
}
