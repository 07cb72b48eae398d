// What must never happen in the page: a model's answer running code or calling out to a remote
// host, and an API key coming back from the server once it has been saved.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Request, Response } from 'playwright-core';
import { apiCall, DRAFTER, sendMessage, startApp, VERIFIER, waitForAnswer, type E2eApp } from './harness.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');
const skipReason = inject('e2eSkipReason');
if (skipReason) console.warn(`\n*** ${skipReason} ***\n`);

// Every way we know for model output to run code or phone home. Each one would set the flag
// (or open a dialog) if it ran; the hosts are reserved documentation names and addresses.
const XSS_ANSWER = [
  'Here is the summary you asked for.',
  `<script>window.__xss = 'script'; alert('script')</script>`,
  `<img src=x onerror="window.__xss = 'onerror'; alert('onerror')">`,
  `<svg onload="window.__xss = 'svg'"><circle r="4"/></svg>`,
  `<a href="javascript:window.__xss='anchor';alert('anchor')">anchor link</a>`,
  `[markdown link](javascript:window.__xss='md-link')`,
  `<iframe src="javascript:window.__xss='iframe'"></iframe>`,
  `<p style="background:url(http://tracker.example/style.png)" onmouseover="window.__xss='hover'">hover me</p>`,
  '![tracking pixel](http://tracker.example/pixel.png)',
  `<img src="https://203.0.113.9/beacon.gif" alt="beacon">`,
  `<form action="http://tracker.example/steal"><button formaction="javascript:window.__xss='form'">submit</button></form>`,
  'A [real link](https://example.org/docs) stays a link.',
  // Blank lines between them: a Markdown line right after an HTML line would stay raw HTML text.
].join('\n\n');

/** Requests the page made to anything but the app's own server. */
function isRemote(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return false;
  try {
    return new URL(url).hostname !== '127.0.0.1';
  } catch {
    return true;
  }
}

describe.skipIf(!chromiumPath)('security in the browser', () => {
  let app: E2eApp;
  const remoteRequests: string[] = [];
  const dialogs: string[] = [];
  const responseBodies: { url: string; body: string }[] = [];
  const pendingBodies: Promise<void>[] = [];

  beforeAll(async () => {
    app = await startApp({ chromiumPath: chromiumPath ?? '' });
    app.context.on('request', (r: Request) => {
      if (isRemote(r.url())) remoteRequests.push(r.url());
    });
    app.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    app.page.on('response', (r: Response) => {
      // The event stream never ends; its payloads are read in the page instead (see below).
      if (r.url().includes('/api/events')) return;
      pendingBodies.push(
        r
          .text()
          .then((body) => void responseBodies.push({ url: r.url(), body }))
          .catch(() => undefined),
      );
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('renders a hostile answer as inert text: no script, handler, javascript: link or remote image runs', async () => {
    const { page, fakes } = app;
    // Both tiers answer with the payload, so it is on screen whether the draft is kept or replaced.
    fakes.ollama.enqueue(DRAFTER, { text: XSS_ANSWER });
    fakes.openai.enqueue(VERIFIER, { text: XSS_ANSWER });
    await page.getByRole('heading', { name: 'Ask anything' }).waitFor();
    await sendMessage(page, 'Summarize the release notes for me');
    await waitForAnswer(page);
    const answer = page.getByTestId('assistant-message').last();
    // If the draft was replaced, open it too: it is rendered from the same untrusted text.
    const showDraft = answer.getByRole('button', { name: /show .*'s draft/ });
    if ((await showDraft.count()) > 0) await showDraft.first().click();

    await answer.getByText('hover me').first().hover();
    await answer.getByText('anchor link').first().click();
    await answer.getByText('markdown link').first().click();
    await answer.getByText('stays a link').first().waitFor();
    await app.screenshot('chat-hostile-answer');

    const flag: unknown = await page.evaluate('window.__xss');
    expect(flag).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(remoteRequests).toEqual([]);

    // The DOM itself is clean, not merely blocked by the page's CSP.
    const audit: unknown = await page.evaluate(`(() => {
      const root = document.querySelectorAll('[data-testid="assistant-message"] .markdown');
      const out = { scripts: 0, iframes: 0, forms: 0, svgs: 0, handlers: [], jsLinks: 0, remoteImages: [], styles: 0, blockedNotes: 0, safeLinks: [] };
      for (const md of root) {
        out.scripts += md.querySelectorAll('script').length;
        out.iframes += md.querySelectorAll('iframe, object, embed').length;
        out.forms += md.querySelectorAll('form, button').length;
        out.svgs += md.querySelectorAll('svg').length;
        out.styles += md.querySelectorAll('[style]').length;
        out.blockedNotes += md.querySelectorAll('.md-blocked-image').length;
        for (const el of md.querySelectorAll('*')) for (const a of el.attributes) if (/^on/i.test(a.name)) out.handlers.push(a.name);
        for (const a of md.querySelectorAll('a[href]')) {
          if (/^\\s*javascript:/i.test(a.getAttribute('href'))) out.jsLinks++;
          else out.safeLinks.push(a.getAttribute('href') + ' ' + a.getAttribute('target') + ' ' + a.getAttribute('rel'));
        }
        for (const img of md.querySelectorAll('img')) if (!(img.getAttribute('src') || '').startsWith('data:')) out.remoteImages.push(img.getAttribute('src'));
      }
      return out;
    })()`);
    expect(audit).toMatchObject({ scripts: 0, iframes: 0, forms: 0, svgs: 0, handlers: [], jsLinks: 0, remoteImages: [], styles: 0 });
    const { blockedNotes, safeLinks } = audit as { blockedNotes: number; safeLinks: string[] };
    // Both remote images became a visible note instead of a request.
    expect(blockedNotes).toBeGreaterThanOrEqual(2);
    expect(await answer.getByText('[image not loaded: tracking pixel]').count()).toBeGreaterThanOrEqual(1);
    // The one legitimate link opens outside the app, without an opener or referrer.
    expect(safeLinks).toContain('https://example.org/docs _blank noopener noreferrer');
    // Chromium reports inline handlers and style attributes already while the sanitizer parses the
    // text in its inert document (the audit above shows none reached the page). Anything else,
    // such as an img-src or connect-src report, would mean a request was attempted.
    const inertParseReport = /^console: (Executing inline event handler|Applying inline style) violates the following Content Security Policy directive '(script|style)-src 'self''.*The action has been blocked\.$/;
    expect(app.pageErrors.filter((e) => !inertParseReport.test(e))).toEqual([]);
  });

  it('saves an API key without the key ever coming back to the page', async () => {
    const { page } = app;
    const key = `sk-e2e-${randomBytes(12).toString('hex')}`;
    // Collect every server-sent event in the page: the response listener cannot read a stream that never ends.
    await page.evaluate(`(() => {
      const token = document.querySelector('meta[name="cascadeflow-token"]')?.getAttribute('content') ?? '';
      const es = new EventSource('/api/events?token=' + encodeURIComponent(token));
      window.__sse = [];
      for (const name of ['cascade.event', 'ledger.changed', 'conversations.changed', 'config.changed']) es.addEventListener(name, (e) => window.__sse.push(e.data));
      es.onmessage = (e) => window.__sse.push(e.data);
    })()`);

    await page.getByTestId('nav-settings').click();
    const input = page.locator('#key-openai');
    await input.fill(key);
    await page.locator('.provider-row').filter({ has: input }).getByRole('button', { name: 'Save key' }).click();
    await page.getByTestId('key-status-openai').filter({ hasText: 'key set' }).waitFor();
    expect(await input.inputValue()).toBe('');

    const events: unknown = await page.evaluate('JSON.stringify(window.__sse ?? null)');
    expect(typeof events).toBe('string');
    expect(String(events)).not.toContain(key);

    // Everything that might echo it: the secrets list, a reload of the settings, the models list.
    const listed = (await apiCall(page, 'secrets.list', {})) as { ok: boolean; value: { secrets: { name: string; isSet: boolean }[] } };
    expect(listed.ok).toBe(true);
    expect(listed.value.secrets.find((s) => s.name === 'OPENAI_API_KEY')?.isSet).toBe(true);
    await page.reload();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('key-status-openai').filter({ hasText: 'key set' }).waitFor();
    await page.getByTestId('models-table').waitFor();
    await Promise.all(pendingBodies);

    // The bodies were really read: the secrets list is among them, saying the key is set.
    expect(responseBodies.some((r) => r.url.endsWith('/api/secrets.list') && r.body.includes('"isSet":true'))).toBe(true);
    const leaks = responseBodies.filter((r) => r.body.includes(key)).map((r) => r.url);
    expect(leaks).toEqual([]);
    const html: unknown = await page.evaluate('document.documentElement.outerHTML + [...document.querySelectorAll("input, textarea")].map((i) => i.value).join("\\n")');
    expect(typeof html).toBe('string');
    expect(String(html)).not.toContain(key);
    // The check above is only meaningful if the page really holds the settings.
    expect(String(html)).toContain('key set');
  });
});
