// Writes the app icon from scripts/icon/app-icon.ts: build/icon.svg (the source, for editors
// and docs), build/icon.png (512x512: electron-builder derives the .icns, .ico and Linux sizes
// from it) and build/icon-256.png (the window icon on Linux, copied into dist-electron by
// scripts/build-electron.mjs). The PNGs are committed; run this again after changing the mark:
//   npm run build:icon   (node --import tsx scripts/render-icon.ts)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appIconSvg, renderAppIcon } from './icon/app-icon.ts';
import { encodePng } from './icon/png.ts';

const buildDir = resolve(import.meta.dirname, '..', 'build');

const ICON_FILES = { svg: 'icon.svg', png512: 'icon.png', png256: 'icon-256.png' } as const;

mkdirSync(buildDir, { recursive: true });
writeFileSync(join(buildDir, ICON_FILES.svg), appIconSvg());
for (const [file, size] of [[ICON_FILES.png512, 512], [ICON_FILES.png256, 256]] as const) {
  writeFileSync(join(buildDir, file), encodePng(renderAppIcon(size), size, size));
  console.log(`wrote ${join(buildDir, file)} (${size}x${size})`);
}
