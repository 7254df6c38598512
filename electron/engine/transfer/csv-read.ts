// CSV text → header and rows with the line number each row starts on. Parsing is papaparse's
// (RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks). The delimiter is
// the one of , ; TAB | that splits the first rows into the most consistent number of columns, so
// a semicolon file with decimal commas ("1,5") is not mistaken for a comma file; Excel's "sep=;"
// first line, when present, decides.
// Invariants: every row carries the 1-based physical line it starts on; a broken quote (never
// closed, or text after the closing quote), which would swallow the rows after it, costs only
// its own line: it is reported and parsing resumes on the next line.
import Papa from 'papaparse';

export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: string;
  header: string[];
  headerLine: number;
  rows: CsvRow[];
  /** Rows that could not be read, with why. */
  broken: { line: number; message: string }[];
}

const candidates = [',', ';', '\t', '|'];

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** Picks the delimiter giving the first rows the most consistent column count (at least two). */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best = ',';
  let bestScore = -1;
  for (const d of candidates) {
    const rows = (Papa.parse<string[]>(sample, { delimiter: d, preview: 40 }).data ?? []).filter((r) => !isBlank(r));
    const head = rows[0]?.length ?? 0;
    if (head < 2) continue;
    // The last sampled row may be cut off by the sample's end: leave it out.
    const body = rows.length > 2 ? rows.slice(1, -1) : rows.slice(1);
    const consistent = body.length === 0 ? 1 : body.filter((r) => r.length === head).length / body.length;
    const score = consistent * 1000 + Math.min(head, 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Counts line breaks (CRLF, LF or a lone CR) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return text.length;
}

/**
 * Reads the whole text. With `onRow`, rows go to it as they are read (after the header) and are
 * not kept in `rows`: a 100,000-row file is then never held as cells all at once.
 */
export function readCsv(input: string, delimiter?: string, onRow?: (row: CsvRow, table: { header: readonly string[]; delimiter: string }) => void): CsvTable {
  let text = input;
  let lineOffset = 0;
  let chosen = delimiter;
  // Excel's delimiter hint: a first line "sep=;".
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) {
    chosen ??= sep[1];
    text = text.slice(sep[0].length);
    lineOffset = 1;
  }
  const d = chosen ?? detectDelimiter(text);
  const rows: CsvRow[] = [];
  const broken: CsvTable['broken'] = [];
  let header: string[] | null = null;
  let headerLine = 0;

  let start = 0; // where the current parse pass starts in text
  let line = 1 + lineOffset; // the line `start` is on
  while (start < text.length) {
    let pos = start;
    let lineAtPos = line;
    // Set from the step callback (an object, so the compiler does not narrow it to null).
    const pass = { unclosed: null as number | null };
    Papa.parse<string[]>(start === 0 ? text : text.slice(start), {
      delimiter: d,
      step: (result, parser) => {
        const rowStart = pos;
        const rowLine = lineAtPos;
        const cursor = start + result.meta.cursor;
        const spanned = lineBreaks(text, pos, cursor);
        lineAtPos += spanned;
        pos = cursor;
        if (result.errors.some((e) => e.type === 'Quotes')) {
          const unclosed = result.errors.some((e) => e.code === 'MissingQuotes');
          broken.push({
            line: rowLine,
            message: unclosed ? 'a quoted value is never closed (a " is missing); the row was skipped' : 'a quoted value has text after its closing quote; the row was skipped',
          });
          // A bad quote that ran over line ends has swallowed the rows after it: read them again.
          if (spanned > 1 || unclosed) {
            pass.unclosed = rowStart;
            parser.abort();
          }
          return;
        }
        const cells = result.data;
        if (isBlank(cells)) return;
        if (header === null) {
          header = cells.map((c) => c.trim());
          headerLine = rowLine;
          return;
        }
        if (onRow) onRow({ line: rowLine, cells }, { header, delimiter: d });
        else rows.push({ line: rowLine, cells });
      },
    });
    if (pass.unclosed === null) break;
    // Resume on the line after the one where the unclosed quote began.
    const resume = nextLineStart(text, pass.unclosed);
    line += lineBreaks(text, start, resume);
    start = resume;
  }
  return { delimiter: d, header: header ?? [], headerLine, rows, broken };
}
