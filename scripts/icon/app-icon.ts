// The app icon: an indigo rounded square (the UI's accent colour) with three bars stepping
// down to the right, a cascade from drafter to verifier. The shapes are described once, here,
// and both written out as build/icon.svg and drawn into PNGs (scripts/render-icon.ts), so
// the two cannot drift apart.

/** Icon units: the SVG's viewBox is 0 0 UNITS UNITS. */
export const UNITS = 512;

interface RoundedRect {
  x: number;
  y: number;
  width: number;
  height: number;
  radius: number;
}

type Rgb = readonly [number, number, number];

/** The body, inset from the edge like the platforms' own icons, filled top-left to bottom-right. */
const BODY: RoundedRect = { x: 32, y: 32, width: 448, height: 448, radius: 100 };
const BODY_FROM: Rgb = [0x63, 0x66, 0xf1];
const BODY_TO: Rgb = [0x37, 0x30, 0xa3];

/** The steps, white, each one more opaque than the one above; the gaps stay 4 px wide at 64 px. */
const STEPS: readonly { rect: RoundedRect; opacity: number }[] = [
  { rect: { x: 104, y: 140, width: 200, height: 56, radius: 28 }, opacity: 0.55 },
  { rect: { x: 156, y: 228, width: 200, height: 56, radius: 28 }, opacity: 0.78 },
  { rect: { x: 208, y: 316, width: 200, height: 56, radius: 28 }, opacity: 1 },
];

const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const rect = (r: RoundedRect, fill: string) => `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" rx="${r.radius}" ${fill}/>`;

export function appIconSvg(): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${UNITS}" height="${UNITS}" viewBox="0 0 ${UNITS} ${UNITS}">`,
    '  <defs>',
    '    <linearGradient id="body" x1="0" y1="0" x2="1" y2="1">',
    `      <stop offset="0" stop-color="${hex(BODY_FROM)}"/>`,
    `      <stop offset="1" stop-color="${hex(BODY_TO)}"/>`,
    '    </linearGradient>',
    '  </defs>',
    `  ${rect(BODY, 'fill="url(#body)"')}`,
    ...STEPS.map((s) => `  ${rect(s.rect, `fill="#ffffff" fill-opacity="${s.opacity}"`)}`),
    '</svg>',
    '',
  ].join('\n');
}

/** Signed distance from (px, py) to the rounded rectangle's edge, in icon units (negative inside). */
function distance(r: RoundedRect, px: number, py: number): number {
  const qx = Math.abs(px - (r.x + r.width / 2)) - r.width / 2 + r.radius;
  const qy = Math.abs(py - (r.y + r.height / 2)) - r.height / 2 + r.radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r.radius;
}

/**
 * The icon as size x size RGBA pixels (not premultiplied, as PNG stores them). Edges are
 * anti-aliased by the pixel's coverage, estimated from its centre's distance to the edge.
 */
export function renderAppIcon(size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 16) throw new Error(`size: expected an integer of at least 16, got ${size}`);
  const scale = size / UNITS;
  const out = new Uint8Array(size * size * 4);
  const coverage = (r: RoundedRect, ux: number, uy: number) => Math.min(1, Math.max(0, 0.5 - distance(r, ux, uy) * scale));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const ux = (x + 0.5) / scale;
      const uy = (y + 0.5) / scale;
      // Premultiplied colour and alpha, layer over layer.
      let a = coverage(BODY, ux, uy);
      // The SVG gradient's objectBoundingBox 0,0 -> 1,1 on a square: position along the diagonal.
      const t = Math.min(1, Math.max(0, (ux - BODY.x + uy - BODY.y) / (BODY.width + BODY.height)));
      let [r, g, b] = BODY_FROM.map((from, i) => (from + ((BODY_TO[i] ?? from) - from) * t) * a) as [number, number, number];
      for (const step of STEPS) {
        const s = coverage(step.rect, ux, uy) * step.opacity;
        r = 255 * s + r * (1 - s);
        g = 255 * s + g * (1 - s);
        b = 255 * s + b * (1 - s);
        a = s + a * (1 - s);
      }
      const at = (y * size + x) * 4;
      if (a > 0) {
        out[at] = Math.round(r / a);
        out[at + 1] = Math.round(g / a);
        out[at + 2] = Math.round(b / a);
      }
      out[at + 3] = Math.round(a * 255);
    }
  }
  return out;
}
