// Renders untrusted model output: Markdown -> sanitized HTML (lib/markdown.ts), then, once the
// text stops changing, a Copy button on each code block and highlighting loaded on demand.
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
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
