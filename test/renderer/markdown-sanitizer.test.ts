import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitizeHtml } from '../../renderer/src/lib/markdown.ts';

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('markdown sanitizer', () => {
  it('renders markdown: headings, lists, code blocks with their language class', () => {
    const el = dom(renderMarkdown('# Title\n\n- one\n- **two**\n\n```python\nprint(1)\n```'));
    expect(el.querySelector('h1')?.textContent).toBe('Title');
    expect(el.querySelectorAll('li')).toHaveLength(2);
    expect(el.querySelector('strong')?.textContent).toBe('two');
    expect(el.querySelector('pre > code')?.className).toBe('language-python');
  });

  it('strips script tags written in the answer', () => {
    const el = dom(renderMarkdown('hello <script>window.pwned = 1</script> world'));
    expect(el.querySelector('script')).toBeNull();
    expect(el.innerHTML).not.toContain('pwned');
  });

  it('strips event handlers such as onerror and onclick', () => {
    const el = dom(sanitizeHtml('<img src="data:image/png;base64,iVBORw0KGgo=" onerror="alert(1)"><p onclick="alert(2)">x</p>'));
    expect(el.innerHTML).not.toMatch(/onerror|onclick|alert/);
    expect(el.querySelector('p')?.textContent).toBe('x');
  });

  it('drops javascript: links but keeps their text', () => {
    const el = dom(renderMarkdown('[click me](javascript:alert(1)) and <a href="JaVaScRiPt:alert(2)">two</a>'));
    for (const a of el.querySelectorAll('a')) expect(a.getAttribute('href')).toBeNull();
    expect(el.textContent).toContain('click me');
    expect(el.innerHTML).not.toMatch(/javascript/i);
  });

  it('shows a link whose target was removed as plain text, its content still sanitized', () => {
    const el = dom(renderMarkdown('Click <a href="javascript:alert(1)" onclick="alert(2)">here <b>now</b><img src="x" onerror="alert(3)"></a>, [me](javascript:alert(4)), <a>bare</a> or <https://example.org/docs>.'));
    expect([...el.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://example.org/docs']);
    expect(el.textContent?.trim()).toBe('Click here now[image not loaded], me, bare or https://example.org/docs.');
    const inert = [...el.querySelectorAll('span[title^="Link removed"]')];
    expect(inert.map((s) => s.textContent)).toEqual(['here now[image not loaded]', 'me', 'bare']);
    expect(inert[0]?.querySelector('b')).toBeNull();
    expect(el.innerHTML).not.toMatch(/javascript|onclick|onerror|alert/i);
  });

  it('opens http links outside the app without a referrer or opener', () => {
    const a = dom(renderMarkdown('see [the docs](https://example.com/docs)')).querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://example.com/docs');
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('drops relative links, which would navigate the app itself', () => {
    const el = dom(renderMarkdown('[api](/api/ledger.export)'));
    expect(el.querySelector('a')).toBeNull();
    expect(el.textContent?.trim()).toBe('api');
  });

  it('blocks remote images and says so, keeping inline data: images', () => {
    const el = dom(renderMarkdown('![tracker](https://evil.example/pixel.png) ![dot](data:image/png;base64,iVBORw0KGgo=)'));
    const imgs = el.querySelectorAll('img');
    expect(imgs).toHaveLength(1);
    expect(imgs[0]?.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(el.innerHTML).not.toContain('evil.example');
    expect(el.querySelector('.md-blocked-image')?.textContent).toContain('tracker');
  });

  it('blocks svg data images, which can carry scripts', () => {
    const el = dom(sanitizeHtml('<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="s">'));
    expect(el.querySelector('img')).toBeNull();
  });

  it('removes iframes, forms, style attributes and foreign classes', () => {
    const el = dom(sanitizeHtml('<iframe src="https://x"></iframe><form><input type="text"></form><p style="background:url(https://t)" class="nav-item">t</p>'));
    expect(el.querySelector('iframe, form, input')).toBeNull();
    const p = el.querySelector('p');
    expect(p?.getAttribute('style')).toBeNull();
    expect(p?.getAttribute('class')).toBeNull();
  });

  it('keeps task-list checkboxes read-only', () => {
    const box = dom(renderMarkdown('- [x] done\n- [ ] todo')).querySelector('input');
    expect(box?.getAttribute('type')).toBe('checkbox');
    expect(box?.hasAttribute('disabled')).toBe(true);
  });
});
