// One Content-Security-Policy for every place the renderer runs (browser mode over HTTP,
// Electron from file://), so a policy change cannot drift between the two transports.
// The renderer is a Vite build: external module scripts only, no eval, no inline styles
// (React and chart.js set styles through the CSSOM, which CSP does not restrict), images
// from the app or data: URLs, nothing framed and no form posted anywhere.
/**
 * The policy as renderer/index.html carries it in a <meta> (a test keeps the two equal). On
 * file:// in the desktop app that tag is the policy that certainly applies: Electron's security
 * guide says a response header cannot be set for file:// pages (electron/main sets it anyway,
 * in case a version does).
 */
export const DOCUMENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

/** The header: the same, plus frame-ancestors, which a <meta> policy cannot set. */
export const APP_CSP = `${DOCUMENT_CSP}; frame-ancestors 'none'`;

/** Headers on every browser-mode response. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Headers on HTML documents: the base set plus the CSP. */
export const DOCUMENT_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...BASE_SECURITY_HEADERS,
  'Content-Security-Policy': APP_CSP,
};
