// What a layout hides from the user, read from the page: containers whose content overflows them,
// elements past the window's right edge, headline figures shortened to an ellipsis, and
// drop-downs that cut the option they show. The checks are strings because the e2e files are
// compiled without the DOM library.
import type { Page } from 'playwright-core';

/** Containers that clip their content sideways, and a page wider than the window. */
const OVERFLOWING_CONTAINERS = `(() => {
  const wide = [];
  for (const el of document.querySelectorAll('.page-inner, .chat-main, .nav, .card')) {
    if (el.scrollWidth > el.clientWidth + 1) wide.push(el.className + ' ' + el.scrollWidth + '>' + el.clientWidth);
  }
  if (document.documentElement.scrollWidth > window.innerWidth) wide.push('the page is wider than the window');
  return wide;
})()`;

/**
 * Visible elements whose right edge lies past the window, unless a scroll container holds them
 * (the user can scroll there) or they are cut on purpose with an ellipsis.
 */
const ELEMENTS_PAST_THE_EDGE = `(() => {
  const width = window.innerWidth;
  const inside = (el, test) => { for (let a = el; a; a = a.parentElement) if (test(getComputedStyle(a))) return true; return false; };
  const cut = [];
  for (const el of document.querySelectorAll('#root *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
    if (inside(el.parentElement, (s) => s.overflowX === 'auto' || s.overflowX === 'scroll')) continue;
    if (inside(el, (s) => s.textOverflow === 'ellipsis')) continue;
    cut.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ends at ' + Math.round(r.right) + 'px: ' + (el.textContent || '').trim().slice(0, 40));
  }
  return cut;
})()`;

/** Headline figures shortened to an ellipsis ("$0.00…"): a figure cut short is a wrong figure. */
const SHORTENED_FIGURES = `[...document.querySelectorAll('.stat-value')]
  .filter((el) => el.scrollWidth > el.clientWidth)
  .map((el) => 'figure shortened: ' + (el.closest('.stat-card')?.textContent || '').trim().slice(0, 60))`;

/**
 * Drop-downs too narrow for the option they show, measured in the drop-down's own font (a
 * select cuts its text silently). 24 px is left for the arrow.
 */
const CLIPPED_SELECTS = `(() => {
  const ctx = document.createElement('canvas').getContext('2d');
  const clipped = [];
  for (const el of document.querySelectorAll('#root select')) {
    const option = el.selectedOptions[0];
    if (!option || el.getBoundingClientRect().width === 0) continue;
    const s = getComputedStyle(el);
    ctx.font = s.font;
    const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 24;
    if (ctx.measureText(option.text).width > room) clipped.push('select cuts "' + option.text + '" (' + Math.round(room) + ' px of room)');
  }
  return clipped;
})()`;

/** Everything the current view hides from the user; [] when nothing is. */
export async function hiddenContent(page: Page): Promise<string[]> {
  const checks = [OVERFLOWING_CONTAINERS, ELEMENTS_PAST_THE_EDGE, SHORTENED_FIGURES, CLIPPED_SELECTS];
  const found = await Promise.all(checks.map((check) => page.evaluate(check)));
  return found.flatMap((f) => f as string[]);
}
