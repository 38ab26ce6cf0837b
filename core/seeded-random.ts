/**
 * mulberry32: a tiny, fast seeded generator with 32 bits of state, uniform in [0, 1). Everything
 * random in the project goes through it (Math.random is banned), so one seed gives one answer:
 * the demo data byte for byte, and the siting searches that perturb at random.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
