// The committed app icon: real PNGs of the sizes electron-builder and the Linux window need,
// and exactly what scripts/icon/app-icon.ts draws (so build/icon.svg and the PNGs cannot drift).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appIconSvg, renderAppIcon } from '../../../scripts/icon/app-icon.ts';
import { encodePng, pngScanlines } from '../../../scripts/icon/png.ts';

const BUILD = resolve(import.meta.dirname, '../../../build');
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
  /** The IDAT data inflated: filtered scanlines. */
  scanlines: Buffer;
}

/** Reads the signature, the IHDR (first chunk, by the spec) and the concatenated IDAT chunks. */
function readPng(bytes: Buffer): Png {
  expect([...bytes.subarray(0, 8)]).toEqual(SIGNATURE);
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24] ?? -1, colourType: bytes[25] ?? -1, interlace: bytes[28] ?? -1, scanlines: inflateSync(Buffer.concat(idat)) };
}

describe('app icon', () => {
  it.each([
    ['icon.png', 512],
    ['icon-256.png', 256],
  ])('%s is a %ipx square RGBA PNG, as drawn by the icon script', (file, size) => {
    const png = readPng(readFileSync(join(BUILD, file)));
    expect({ width: png.width, height: png.height, bitDepth: png.bitDepth, colourType: png.colourType, interlace: png.interlace }).toEqual({ width: size, height: size, bitDepth: 8, colourType: 6, interlace: 0 });
    expect(png.scanlines.equals(pngScanlines(renderAppIcon(size), size, size))).toBe(true);
  });

  it('keeps the svg source in step with the drawing', () => {
    expect(readFileSync(join(BUILD, 'icon.svg'), 'utf8')).toBe(appIconSvg());
  });

  it('is anti-aliased, with transparent corners and an opaque middle', () => {
    const size = 64;
    const px = renderAppIcon(size);
    const alpha = (x: number, y: number) => px[(y * size + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(size - 1, size - 1)).toBe(0);
    expect(alpha(size / 2, size / 2)).toBe(255);
    // The rounded corner's edge has partly covered pixels, not a hard stair.
    const partial = Array.from({ length: size * size }, (_, i) => px[i * 4 + 3] ?? 0).filter((a) => a > 0 && a < 255);
    expect(partial.length).toBeGreaterThan(20);
  });

  it('refuses a size it cannot draw, naming it', () => {
    expect(() => renderAppIcon(8)).toThrow(/size: expected an integer of at least 16, got 8/);
    expect(() => encodePng(new Uint8Array(3), 1, 1)).toThrow(/rgba: expected 4 bytes for 1x1, got 3/);
  });
});
