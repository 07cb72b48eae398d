// The browser-mode server listens on loopback, but any web page the user visits can still
// send requests to 127.0.0.1. Three checks keep those out: a per-launch secret token, a
// Host allowlist (DNS rebinding makes a foreign page same-origin with a name that resolves
// to 127.0.0.1, but its Host header still carries that name), and an Origin check.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-cascadeflow-token';

export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first hides the length of the expected token too. */
export function tokensMatch(given: string | undefined, expected: string): boolean {
  if (given === undefined || given.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function isAllowedHost(req: IncomingMessage, hosts: Set<string>): boolean {
  const host = req.headers.host;
  return host !== undefined && hosts.has(host.toLowerCase());
}

/** An absent Origin is fine (same-origin GET, curl); a present one must be our own. */
export function isAllowedOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  return host !== undefined && origin.toLowerCase() === `http://${host.toLowerCase()}`;
}

export function headerToken(req: IncomingMessage): string | undefined {
  const value = req.headers[TOKEN_HEADER];
  return Array.isArray(value) ? value[0] : value;
}
