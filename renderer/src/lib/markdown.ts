// Model output is untrusted: it is rendered as Markdown and then sanitized with an allowlist.
// No scripts or event handlers, links only to http(s)/mailto and opened outside the app,
// and no remote images (a remote image is a tracking beacon): only inline raster data: images.
// Math leaves here as placeholders holding its TeX as text (markdown-math.ts); KaTeX typesets
// them after sanitizing, from that text, so no HTML of the model's ever reaches KaTeX as markup.
import DOMPurify from 'dompurify';
import { Marked, type TokensList } from 'marked';
import { MATH_CLASSES, mathExtensions } from './markdown-math.ts';

const marked = new Marked({ gfm: true, breaks: false, async: false }, mathExtensions);

const ALLOWED_TAGS = [
  'a', 'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img', 'span', 'sup', 'sub', 'kbd', 'details', 'summary', 'input',
  'div',
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'class', 'align', 'start', 'checked', 'disabled', 'type', 'colspan', 'rowspan'];
const SAFE_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif);base64,[a-z0-9+/=\s]+$/i;
const SAFE_LINK = /^(?:https?:|mailto:)/i;
const KEPT_CLASSES: ReadonlySet<string> = new Set(['md-blocked-image', ...MATH_CLASSES]);

let purifier: ReturnType<typeof DOMPurify> | null = null;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  // A private instance so these hooks never leak into other DOMPurify users.
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    const tag = node.tagName;
    if (tag === 'A') {
      const href = node.getAttribute('href');
      if (href && SAFE_LINK.test(href.trim())) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      } else {
        // Plain text, not an <a> without a target: that still looks like a link and does nothing.
        // Its children move along and are sanitized next (the walk goes on from the span).
        const text = node.ownerDocument.createElement('span');
        text.setAttribute('title', 'Link removed: only http(s) and mailto links open from an answer.');
        text.append(...Array.from(node.childNodes));
        node.replaceWith(text);
        return;
      }
    } else if (tag === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (!SAFE_IMAGE.test(src)) {
        const note = node.ownerDocument.createElement('span');
        note.className = 'md-blocked-image';
        const alt = node.getAttribute('alt');
        note.textContent = alt ? `[image not loaded: ${alt}]` : '[image not loaded]';
        note.setAttribute('title', 'Remote images are blocked: they could tell a server that you read this answer.');
        node.replaceWith(note);
      }
    } else if (tag === 'INPUT') {
      // Only GFM task-list checkboxes, always read-only.
      if (node.getAttribute('type') !== 'checkbox') node.remove();
      else node.setAttribute('disabled', '');
    }
    const cls = node.getAttribute('class');
    if (cls !== null) {
      const kept = cls.split(/\s+/).filter((c) => /^language-[\w+#.-]+$/.test(c) || KEPT_CLASSES.has(c));
      if (kept.length) node.setAttribute('class', kept.join(' '));
      else node.removeAttribute('class');
    }
  });
  purifier = p;
  return p;
}

export function sanitizeHtml(html: string): string {
  // Link and image URLs are checked in the hook above (only http(s)/mailto links, only data: images).
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
}

/** The chat's reading of `markdown`, as tokens: a `$$` block is math, never a heading or a list. */
export function lexMarkdown(markdown: string): TokensList {
  return marked.lexer(markdown);
}

export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false }));
}
