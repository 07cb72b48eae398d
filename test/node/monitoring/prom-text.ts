// A strict parser of the Prometheus text exposition format (0.0.4), enough to check that
// /metrics parses and to read values back: HELP/TYPE comments, samples with escaped label
// values, float values including NaN and +Inf. Throws on any line it cannot read.

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PromText {
  types: Map<string, string>;
  help: Map<string, string>;
  samples: PromSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseValue(text: string, line: string): number {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad value "${text}" in: ${line}`);
  return Number(text);
}

function parseLabels(rest: string, line: string): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let s = rest.slice(1);
  while (!s.startsWith('}')) {
    const name = LABEL_NAME.exec(s)?.[0];
    if (!name || s[name.length] !== '=' || s[name.length + 1] !== '"') throw new Error(`bad label in: ${line}`);
    s = s.slice(name.length + 2);
    let value = '';
    for (;;) {
      const c = s[0];
      if (c === undefined) throw new Error(`unterminated label value in: ${line}`);
      s = s.slice(1);
      if (c === '"') break;
      if (c === '\\') {
        const e = s[0];
        s = s.slice(1);
        if (e === 'n') value += '\n';
        else if (e === '\\' || e === '"') value += e;
        else throw new Error(`bad escape in: ${line}`);
      } else value += c;
    }
    if (name in labels) throw new Error(`duplicate label ${name} in: ${line}`);
    labels[name] = value;
    if (s.startsWith(',')) s = s.slice(1);
  }
  return { labels, rest: s.slice(1) };
}

/** The family a sample belongs to: histogram/summary series carry a suffix. */
export function familyOf(name: string, types: Map<string, string>): string {
  if (types.has(name)) return name;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    const base = name.endsWith(suffix) ? name.slice(0, -suffix.length) : null;
    if (base !== null && (types.get(base) === 'histogram' || types.get(base) === 'summary')) return base;
  }
  return name;
}

export function parsePromText(text: string): PromText {
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const samples: PromSample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
      if (!m) continue;
      const [, kind, name = '', rest = ''] = m;
      if (kind === 'TYPE') {
        if (!TYPES.has(rest)) throw new Error(`bad type in: ${line}`);
        if (types.has(name)) throw new Error(`second TYPE for ${name}`);
        types.set(name, rest);
      } else help.set(name, rest);
      continue;
    }
    const name = NAME.exec(line)?.[0];
    if (!name) throw new Error(`bad sample: ${line}`);
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) ({ labels, rest } = parseLabels(rest, line));
    const parts = rest.trim().split(/\s+/);
    if (parts.length < 1 || parts.length > 2 || !rest.startsWith(' ')) throw new Error(`bad sample: ${line}`);
    samples.push({ name, labels, value: parseValue(parts[0] ?? '', line) });
    if (!types.has(familyOf(name, types))) throw new Error(`sample before its TYPE: ${line}`);
  }
  return { types, help, samples };
}

/** The value of the one sample with this name and exactly these labels (undefined if none). */
export function sampleValue(p: PromText, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = JSON.stringify(Object.entries(labels).sort());
  return p.samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want)?.value;
}
