// Serves the built renderer (dist/renderer) in browser mode. index.html gets the launch
// token injected as a <meta> tag: the page is same-origin, so only it (not a foreign page,
// which cannot read our responses) learns the token it must send back on /api calls.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BASE_SECURITY_HEADERS, DOCUMENT_SECURITY_HEADERS } from './security-headers.ts';
import { sendText } from './http-util.ts';

export const NOT_BUILT_MESSAGE = 'The UI is not built: run npm run build';
export const TOKEN_META_NAME = 'cascadeflow-token';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function injectTokenMeta(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META_NAME}" content="${escapeAttribute(token)}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head === null) return meta + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

type Resolved = { kind: 'file'; path: string } | { kind: 'refused' } | { kind: 'bad' };

/**
 * Maps a request path to a file under root. The raw path is decoded first and then
 * checked, because `..%2f` only becomes a traversal after decoding.
 */
export function resolveStaticPath(root: string, rawPath: string): Resolved {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return { kind: 'refused' };
  // Dotfiles (.env, .git) are never part of a Vite build.
  if (segments.some((s) => s.startsWith('.') && s.length > 0)) return { kind: 'refused' };
  const base = resolve(root);
  const path = resolve(base, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  if (path !== base && !path.startsWith(base + sep)) return { kind: 'refused' };
  return { kind: 'file', path };
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, rootDir: string, rawPath: string, token: string): Promise<void> {
  const headOnly = req.method === 'HEAD';
  if (req.method !== 'GET' && !headOnly) {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'Method not allowed');
    return;
  }
  const resolved = resolveStaticPath(rootDir, rawPath);
  if (resolved.kind === 'bad') return sendText(res, 400, 'Bad request path', headOnly);
  if (resolved.kind === 'refused') return sendText(res, 403, 'Forbidden', headOnly);

  const indexPath = resolve(rootDir, 'index.html');
  const isRoot = rawPath === '/' || rawPath === '/index.html';
  if (!isRoot && (await isFile(resolved.path))) return streamFile(res, resolved.path, headOnly);
  // A missing asset (has an extension) is a 404, never the SPA page: serving HTML as a
  // script would only hide the broken reference.
  if (!isRoot && extname(resolved.path) !== '') return sendText(res, 404, 'Not found', headOnly);
  return serveIndex(res, indexPath, token, headOnly);
}

async function serveIndex(res: ServerResponse, indexPath: string, token: string, headOnly: boolean): Promise<void> {
  let html: string;
  try {
    html = await readFile(indexPath, 'utf8');
  } catch {
    return sendText(res, 503, NOT_BUILT_MESSAGE, headOnly);
  }
  const body = injectTokenMeta(html, token);
  res.writeHead(200, {
    ...DOCUMENT_SECURITY_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // The page carries the launch token: never cache it.
    'Cache-Control': 'no-store',
  });
  res.end(headOnly ? undefined : body);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function streamFile(res: ServerResponse, path: string, headOnly: boolean): Promise<void> {
  const { size } = await stat(path);
  const type = contentTypeFor(path);
  const security = type.startsWith('text/html') ? DOCUMENT_SECURITY_HEADERS : BASE_SECURITY_HEADERS;
  res.writeHead(200, { ...security, 'Content-Type': type, 'Content-Length': size, 'Cache-Control': 'no-cache' });
  if (headOnly) {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(path), res);
  } catch {
    // The client went away or the file vanished mid-stream; the socket is already gone.
    res.destroy();
  }
}
