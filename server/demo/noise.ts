// Smooth deterministic 2-D value noise (no state, no Math.random): lattice
// values from a hash, blended with smoothstep. Used to make densities lumpy.
import { hashToUnit } from './random.ts';

function smoothstep(t: number): number {
  return t * t * (3 - 2 * t);
}

/** Value noise in [0, 1) at metric position (x, y) with feature size `scaleM`. */
export function valueNoise(seed: number, x: number, y: number, scaleM: number): number {
  const gx = x / scaleM;
  const gy = y / scaleM;
  const ix = Math.floor(gx);
  const iy = Math.floor(gy);
  const tx = smoothstep(gx - ix);
  const ty = smoothstep(gy - iy);
  const v00 = hashToUnit(seed, ix, iy);
  const v10 = hashToUnit(seed, ix + 1, iy);
  const v01 = hashToUnit(seed, ix, iy + 1);
  const v11 = hashToUnit(seed, ix + 1, iy + 1);
  return (v00 * (1 - tx) + v10 * tx) * (1 - ty) + (v01 * (1 - tx) + v11 * tx) * ty;
}

/** Two octaves: broad terrain-like variation plus finer texture. */
export function fractalNoise(seed: number, x: number, y: number, scaleM: number): number {
  return 0.65 * valueNoise(seed, x, y, scaleM) + 0.35 * valueNoise(seed ^ 0x5bd1e995, x, y, scaleM / 3);
}
