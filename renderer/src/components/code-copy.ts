// A Copy button on every code block of a rendered answer. The buttons are the app's own
// elements, added after the model's HTML is sanitized, so nothing in an answer can make one.
import { copyText } from '../lib/clipboard.ts';

const LABEL = 'Copy';

/** Wraps each `pre` not yet wrapped in a `.code-block` holding the block and its button. */
export function addCopyButtons(root: HTMLElement): void {
  for (const pre of root.querySelectorAll('pre')) {
    if (pre.parentElement?.classList.contains('code-block')) continue;
    const wrap = root.ownerDocument.createElement('div');
    wrap.className = 'code-block';
    const button = root.ownerDocument.createElement('button');
    button.type = 'button';
    button.className = 'code-copy';
    button.textContent = LABEL;
    button.setAttribute('aria-label', 'Copy the code');
    pre.replaceWith(wrap);
    wrap.append(pre, button);
  }
}

/** The click handler for a container of such blocks: copies the code whose button was pressed. */
export function onCodeCopyClick(target: EventTarget | null): void {
  if (!(target instanceof Element)) return;
  const button = target.closest('.code-copy');
  const code = button?.parentElement?.querySelector('pre')?.textContent;
  if (!(button instanceof HTMLButtonElement) || code === undefined) return;
  void copyText(code).then((ok) => {
    button.textContent = ok ? 'Copied' : 'Copy failed';
    setTimeout(() => {
      button.textContent = LABEL;
    }, 1500);
  });
}
