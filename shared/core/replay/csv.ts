// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks (benchmark answers
// are multi-line chain-of-thought text). Rows carry the line they start on for error messages.

export interface CsvRow {
  /** 1-based line number in the file where the row starts. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  override readonly name = 'CsvError';
}

/** Parses the whole text; a trailing line break does not make an empty last row. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  // True once the current field has had a closing quote: only a delimiter may follow it.
  let closed = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endField = () => {
    fields.push(field);
    field = '';
    closed = false;
  };
  const endRow = () => {
    endField();
    rows.push({ line: rowLine, fields });
    fields = [];
  };

  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          closed = true;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else if (c === '"' && field.length === 0 && !closed) {
      quoted = true;
    } else if (closed) {
      throw new CsvError(`line ${line}: unexpected character ${JSON.stringify(c)} after a closing quote`);
    } else {
      field += c;
    }
  }
  if (quoted) throw new CsvError(`line ${rowLine}: a quoted field is never closed`);
  if (field.length > 0 || fields.length > 0 || closed) endRow();
  return rows;
}

/** Rows as records keyed by the header row; a row with the wrong number of fields is an error. */
export function csvRecords(text: string): { header: string[]; records: { line: number; values: Record<string, string> }[] } {
  const [head, ...rest] = parseCsv(text);
  if (!head) throw new CsvError('the file is empty');
  const header = head.fields;
  const records = rest
    .filter((r) => !(r.fields.length === 1 && r.fields[0] === ''))
    .map((r) => {
      if (r.fields.length !== header.length) {
        throw new CsvError(`line ${r.line}: expected ${header.length} fields, found ${r.fields.length}`);
      }
      const values: Record<string, string> = {};
      header.forEach((h, k) => {
        values[h] = r.fields[k] ?? '';
      });
      return { line: r.line, values };
    });
  return { header, records };
}
