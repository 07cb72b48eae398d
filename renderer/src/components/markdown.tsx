// Renders untrusted model output: Markdown -> sanitized HTML (lib/markdown.ts), then, once the
// text stops changing, a Copy button on each code block and highlighting loaded on demand.
// Math is typeset as soon as its closing delimiter has arrived, streaming or not; KaTeX loads on
// demand too, the first time an answer holds math.
import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { loadedMath, loadMath } from '../lib/load-math.ts';
import { MATH_SELECTOR } from '../lib/markdown-math.ts';
import { renderMarkdown } from '../lib/markdown.ts';
import { addCopyButtons, onCodeCopyClick } from './code-copy.ts';

export function Markdown({ source, streaming = false, className }: { source: string; streaming?: boolean; className?: string }) {
  // While streaming, React may skip intermediate texts to keep typing smooth.
  const deferred = useDeferredValue(source);
  const html = useMemo(() => renderMarkdown(streaming ? deferred : source), [streaming, deferred, source]);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!streaming && el) addCopyButtons(el);
  }, [html, streaming]);

  // Before paint once KaTeX is loaded: each streamed chunk resets the HTML, and its math must not
  // blink back to TeX in between. A formula typeset for an earlier chunk is copied, not typeset
  // again (math-render.ts), so a long answer costs one KaTeX call per formula, not per chunk.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !el.querySelector(MATH_SELECTOR)) return;
    const katex = loadedMath();
    if (katex) {
      katex.renderMathWithin(el);
      return;
    }
    let cancelled = false;
    loadMath()
      .then((m) => {
        if (!cancelled && ref.current) m.renderMathWithin(ref.current);
      })
      .catch(() => {
        // The TeX stays as written if the KaTeX chunk fails to load.
      });
    return () => {
      cancelled = true;
    };
  }, [html]);

  useEffect(() => {
    const el = ref.current;
    if (streaming || !el || !el.querySelector('pre > code[class*="language-"]')) return;
    let cancelled = false;
    import('../lib/highlight.ts')
      .then((m) => {
        if (!cancelled && ref.current) m.highlightWithin(ref.current);
      })
      .catch(() => {
        // Plain code blocks are fine if the highlighter chunk fails to load.
      });
    return () => {
      cancelled = true;
    };
  }, [html, streaming]);

  return (
    <div
      ref={ref}
      className={`markdown${streaming ? ' markdown-streaming' : ''}${className ? ` ${className}` : ''}`}
      onClick={(e) => onCodeCopyClick(e.target)}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
