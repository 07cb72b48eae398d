// A seeded PRNG (sfc32, seeded through splitmix32) so a synthetic ledger is the same file for the
// same seed on every machine; Math.random cannot be seeded.

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Standard normal. */
  normal(): number;
  /** Log-normal around `median`, clamped to [min, max]. */
  logNormal(median: number, sigma: number, min: number, max: number): number;
  /** 32 random hex digits in UUID layout (version 4 bits set). */
  uuid(): string;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

// Number#toString(16) is slow enough to dominate generation; a byte table is not.
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number): string =>
  `${BYTE_HEX[n >>> 24]}${BYTE_HEX[(n >>> 16) & 255]}${BYTE_HEX[(n >>> 8) & 255]}${BYTE_HEX[n & 255]}`;

export function createPrng(seed: number): Prng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();

  const next = (): number => u32() / 4_294_967_296;
  const normal = (): number => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    normal,
    logNormal: (median, sigma, min, max) => Math.min(max, Math.max(min, median * Math.exp(sigma * normal()))),
    uuid() {
      const x = u32();
      const y = u32();
      const z = u32();
      const w = u32();
      // Version nibble 4 and variant bits 10, as crypto.randomUUID would have them.
      const y4 = ((y & 0xffff0fff) | 0x00004000) >>> 0;
      const z4 = ((z & 0x3fffffff) | 0x80000000) >>> 0;
      const a = hex8(x);
      const b = hex8(y4);
      const c = hex8(z4);
      return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${hex8(w)}`;
    },
  };
}

/** Picks an index with probability proportional to `cumulative[i] - cumulative[i - 1]`. */
export function pickCumulative(prng: Prng, cumulative: readonly number[], count = cumulative.length): number {
  const total = cumulative[count - 1] ?? 0;
  const r = prng.next() * total;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function cumulativeOf(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}
