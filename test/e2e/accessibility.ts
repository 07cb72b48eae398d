// An accessibility audit of what the page shows now, by axe-core run inside the page. The app's
// CSP allows no inline script and the test must not loosen it: axe's source goes in through
// page.evaluate, which the DevTools protocol evaluates outside the page's CSP. The strings are
// evaluated in the page because the e2e files are compiled without the DOM library.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2.1 A and AA, and axe's best practices (landmarks, heading order, one main, unique
 * landmark names, names for dialogs): the ones a screen-reader user finds their way by.
 * Experimental rules stay off, as axe has them.
 */
export const AUDIT_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] as const;

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  /** Each offending element: its selector, and axe's reason in one line. */
  nodes: { target: string; summary: string }[];
}

/**
 * Waits (2 s at most) for the CSS transitions under way to end: a theme or size switch just
 * before would otherwise be measured half-way (a button's text still light on its dark
 * background). Polled rather than awaited through each transition's \`finished\`: awaited,
 * one never settled on the Replay view after a switch to dark at 880x560, and the audit hung.
 * Endless animations (spinners) are not transitions and are not waited for.
 */
const TRANSITIONS_ENDED = `(async () => {
  const tick = () => new Promise((r) => setTimeout(r, 16));
  const running = () => document.getAnimations().some((a) => a instanceof CSSTransition && a.playState === 'running');
  await tick();
  for (const end = Date.now() + 2000; running() && Date.now() < end; ) await tick();
})()`;

/** What axe found wrong on the page as it is now; [] when nothing. */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(TRANSITIONS_ENDED);
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  // resultTypes: only violations are wanted, and skipping the passes' node lists keeps it quick.
  const found = await page.evaluate(`(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AUDIT_TAGS)} }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      rule: v.id,
      impact: v.impact || 'unknown',
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: (n.failureSummary || '').replace(/\\s+/g, ' ').trim() })),
    }));
  })()`);
  return found as Violation[];
}

/**
 * Charts drawn on a canvas that a screen reader cannot name. axe checks an element with
 * role="img" for a name, but says nothing of a canvas without the role, whose pixels are all
 * it holds: every chart must be an image with a name saying what it shows.
 */
const CHARTS_WITHOUT_A_NAME = `[...document.querySelectorAll('canvas')]
  .filter((c) => c.getBoundingClientRect().width > 0)
  .filter((c) => c.getAttribute('role') !== 'img' || !((c.getAttribute('aria-label') || '').trim() || c.getAttribute('aria-labelledby')))
  .map((c) => ({ target: (c.closest('[data-testid]') ? '[data-testid="' + c.closest('[data-testid]').getAttribute('data-testid') + '"] ' : '') + 'canvas', summary: 'a chart needs role="img" and a name (aria-label) saying what it shows' }))`;

/** Everything found wrong on the page as it is now: axe's violations and unnamed charts. */
export async function accessibilityProblems(page: Page): Promise<Violation[]> {
  const violations = await accessibilityViolations(page);
  const charts = (await page.evaluate(CHARTS_WITHOUT_A_NAME)) as Violation['nodes'];
  return charts.length > 0 ? [...violations, { rule: 'chart-name', impact: 'serious', help: 'Charts must have a text alternative', nodes: charts }] : violations;
}

/** One line per rule, for a failing assertion: what broke, how badly, where, and why. */
export function describeViolations(violations: readonly Violation[]): string[] {
  return violations.map((v) => {
    const targets = v.nodes.map((n) => n.target);
    const where = `${targets.slice(0, 6).join(', ')}${targets.length > 6 ? `, and ${targets.length - 6} more` : ''}`;
    return `${v.rule} (${v.impact}): ${v.help} at ${where}: ${v.nodes[0]?.summary ?? ''}`;
  });
}
