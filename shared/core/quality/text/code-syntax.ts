// A cheap syntax sanity check for code blocks: brackets balanced and strings/comments closed,
// with a tokenizer that knows each language's strings and comments (JS template literals and
// regex literals, Python triple quotes, C-family char literals). It cannot prove code correct;
// it catches the truncated or mangled blocks that are certainly wrong.

export type CodeDialect = 'js' | 'python' | 'c';

export type BalanceResult = { ok: true } | { ok: false; problem: string; line: number };

const DIALECTS: Record<string, CodeDialect> = {
  js: 'js', javascript: 'js', jsx: 'js', mjs: 'js', cjs: 'js', ts: 'js', typescript: 'js', tsx: 'js', node: 'js',
  py: 'python', python: 'python', python3: 'python',
  java: 'c', c: 'c', cpp: 'c', 'c++': 'c', cc: 'c', h: 'c', hpp: 'c', cs: 'c', csharp: 'c', 'c#': 'c', go: 'c', golang: 'c',
  kotlin: 'c', kt: 'c', swift: 'c', scala: 'c',
};

export function dialectOf(lang: string): CodeDialect | null {
  return DIALECTS[lang.toLowerCase()] ?? null;
}

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const OPENER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
/** After these, a '/' in JS starts a regex literal rather than a division. */
const REGEX_AFTER = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '']);
const REGEX_AFTER_WORDS = /\b(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/;

interface Frame {
  ch: string;
  line: number;
  /** A `${` inside a template literal: its '}' resumes the template. */
  template?: boolean;
}

/** JSX text ("<p>Don't</p>") breaks quote pairing; such blocks are not judged. */
const JSX = /<\/[A-Za-z][\w.]*>|<[A-Za-z][\w.]*(?:\s[^<>]*)?\/>/;

export function checkBalance(code: string, dialect: CodeDialect): BalanceResult {
  if (dialect === 'js' && JSX.test(code)) return { ok: true };
  const stack: Frame[] = [];
  let line = 1;
  let i = 0;
  let lastSignificant = '';
  let lastWordEnd = '';
  const n = code.length;

  const fail = (problem: string, at = line): BalanceResult => ({ ok: false, problem, line: at });

  /** Scans a template literal body from i (after the backtick); returns false if unterminated. */
  const scanTemplate = (): 'end' | 'expr' | 'eof' => {
    while (i < n) {
      const c = code[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '\n') line++;
      if (c === '`') {
        i++;
        return 'end';
      }
      if (c === '$' && code[i + 1] === '{') {
        i += 2;
        return 'expr';
      }
      i++;
    }
    return 'eof';
  };

  while (i < n) {
    const c = code[i] as string;
    const next = code[i + 1];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    // Comments
    if ((dialect === 'js' || dialect === 'c') && c === '/' && next === '/') {
      while (i < n && code[i] !== '\n') i++;
      continue;
    }
    if ((dialect === 'js' || dialect === 'c') && c === '/' && next === '*') {
      const start = line;
      const end = code.indexOf('*/', i + 2);
      if (end < 0) return fail('a /* comment is never closed', start);
      for (let k = i; k < end; k++) if (code[k] === '\n') line++;
      i = end + 2;
      continue;
    }
    if (dialect === 'python' && c === '#') {
      while (i < n && code[i] !== '\n') i++;
      continue;
    }
    // Strings
    if ((dialect === 'python' || (dialect === 'c' && c === '"')) && (c === '"' || c === "'") && code.startsWith(c.repeat(3), i)) {
      const start = line;
      const q = c.repeat(3);
      let k = i + 3;
      while (k < n && !code.startsWith(q, k)) {
        if (code[k] === '\\') k++;
        else if (code[k] === '\n') line++;
        k++;
      }
      if (k >= n) return fail(`a ${q} string is never closed`, start);
      i = k + 3;
      lastSignificant = 'a';
      continue;
    }
    if (c === '"' || c === "'" || (dialect === 'c' && c === '`')) {
      const start = line;
      let k = i + 1;
      while (k < n && code[k] !== c) {
        if (code[k] === '\\') k++;
        else if (code[k] === '\n' && c !== '`') return fail(`a string opened with ${c} is not closed on its line`, start);
        else if (code[k] === '\n') line++;
        k++;
      }
      if (k >= n) return fail(`a string opened with ${c} is never closed`, start);
      i = k + 1;
      lastSignificant = 'a';
      continue;
    }
    if (dialect === 'js' && c === '`') {
      const start = line;
      i++;
      const r = scanTemplate();
      if (r === 'eof') return fail('a template literal (`) is never closed', start);
      if (r === 'expr') stack.push({ ch: '{', line, template: true });
      lastSignificant = r === 'end' ? 'a' : '{';
      continue;
    }
    if (dialect === 'js' && c === '/' && (REGEX_AFTER.has(lastSignificant) || REGEX_AFTER_WORDS.test(lastWordEnd))) {
      // A regex literal: skip to its closing slash on the same line (classes may contain '/').
      let k = i + 1;
      let inClass = false;
      let closed = false;
      while (k < n && code[k] !== '\n') {
        const ch = code[k];
        if (ch === '\\') k++;
        else if (ch === '[') inClass = true;
        else if (ch === ']') inClass = false;
        else if (ch === '/' && !inClass) {
          closed = true;
          break;
        }
        k++;
      }
      if (closed) {
        i = k + 1;
        while (i < n && /[a-z]/i.test(code[i] as string)) i++;
        lastSignificant = 'a';
        continue;
      }
    }
    if (c in CLOSER) {
      stack.push({ ch: c, line });
      lastSignificant = c;
      lastWordEnd = '';
      i++;
      continue;
    }
    if (c in OPENER) {
      const top = stack.pop();
      if (!top) return fail(`an extra '${c}' has no opening '${OPENER[c]}'`);
      if (top.ch !== OPENER[c]) return fail(`'${c}' closes '${top.ch}' opened on line ${top.line}`);
      i++;
      if (top.template) {
        const r = scanTemplate();
        if (r === 'eof') return fail('a template literal (`) is never closed', top.line);
        if (r === 'expr') stack.push({ ch: '{', line, template: true });
        lastSignificant = r === 'end' ? 'a' : '{';
        continue;
      }
      lastSignificant = c;
      lastWordEnd = '';
      continue;
    }
    if (/[\w$]/.test(c)) {
      let k = i;
      while (k < n && /[\w$]/.test(code[k] as string)) k++;
      lastWordEnd = code.slice(i, k);
      lastSignificant = 'a';
      i = k;
      continue;
    }
    lastSignificant = c;
    lastWordEnd = '';
    i++;
  }
  const open = stack.pop();
  if (open) return fail(`'${open.ch}' opened on line ${open.line} is never closed`, open.line);
  return { ok: true };
}
