// The line a conversation search shows under a result's title: the words around the first match
// in a message, on one line, cut at words, with the match's place so the list can mark it.
import { escapeRegExp } from './escape-regexp.ts';

export interface SearchSnippet {
  /** One line; "…" where the message goes on. */
  text: string;
  /** Where the match is in `text` (UTF-16 offsets). */
  matchStart: number;
  matchLength: number;
}

export const SNIPPET_CHARS = 90;

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * The excerpt of `content` around the first case-insensitive occurrence of `search` (whitespace
 * runs count as one space in both), or null when it does not occur. About `maxChars` long: a
 * third of the room before the match, the rest after it, so the sentence it is in reads on.
 */
export function searchSnippet(content: string, search: string, maxChars = SNIPPET_CHARS): SearchSnippet | null {
  const needle = search.replace(/\s+/g, ' ').trim();
  if (needle === '') return null;
  const flat = content.replace(/\s+/g, ' ').trim();
  // A regular expression, not toLowerCase(): lower-casing can change a string's length (İ), and
  // with it every offset after.
  const found = new RegExp(escapeRegExp(needle), 'iu').exec(flat);
  if (!found) return null;
  const at = found.index;
  const length = Math.min(found[0].length, maxChars);
  const room = Math.max(0, maxChars - length);
  let start = Math.max(0, at - Math.floor(room / 3));
  let end = Math.min(flat.length, start + length + room);
  start = Math.max(0, Math.min(start, end - length - room));
  // Whole words at the cuts, when a space is near enough not to eat into the match.
  if (start > 0) {
    const space = flat.indexOf(' ', start - 1);
    if (space !== -1 && space < at) start = space + 1;
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > at + length) end = space;
  }
  // Never half a surrogate pair at either cut, nor a space after the "…".
  if (start > 0 && isLowSurrogate(flat.charCodeAt(start))) start++;
  while (start < at && flat[start] === ' ') start++;
  if (end < flat.length && isLowSurrogate(flat.charCodeAt(end))) end--;
  const lead = start > 0 ? '…' : '';
  const text = `${lead}${flat.slice(start, end).trimEnd()}${end < flat.length ? '…' : ''}`;
  return { text, matchStart: lead.length + (at - start), matchLength: Math.min(length, end - at) };
}
