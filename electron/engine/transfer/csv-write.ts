// Writing CSV that spreadsheets open safely.
// - RFC 4180: CRLF between records; a cell holding the delimiter, a double quote, CR or LF is
//   quoted and its quotes doubled. Cells holding ";" or a tab are quoted too: Excel in a locale
//   whose list separator is ";" would otherwise split them into cells of their own.
// - UTF-8 with a byte-order mark: without it Excel reads a CSV in the ANSI code page and garbles
//   every non-ASCII name (no "sep=" line either: with one, Excel ignores the BOM).
// - CSV injection (OWASP, "CSV Injection": https://owasp.org/www-community/attacks/CSV_Injection):
//   a cell starting with = + - @ TAB or CR is taken as a formula by Excel, LibreOffice and Google
//   Sheets, which can run DDE commands or send data out (HYPERLINK, WEBSERVICE). OWASP's remedy is
//   to prefix such cells with a single quote, which makes the spreadsheet treat them as text.
//   Exception: a phone number such as "+86 138 0013 8000" would then carry a visible apostrophe
//   into Google, Outlook and every other importer. A cell that consists only of a leading "+" and
//   digits, spaces and ( ) . / - cannot name a function, a cell reference or a DDE target (all need
//   letters, "!" or "|"), so at worst a spreadsheet shows it as a number; phone cells of that shape
//   are written as they are. Every other triggering cell, phones included, gets the quote.
// Invariant: csvText(rows) read back by csv-read.ts (and cleanCell) gives the same cell texts.

export const BOM = '\ufeff';

// A leading apostrophe already followed by a trigger gets one more, so reading back (which removes
// one) gives the value as it was.
const triggers = /^'*[=+\-@\t\r]/;
const harmlessPhone = /^\+[0-9 ()./-]*$/;
const needsQuotes = /[",;\t\r\n]|^\s|\s$/;

/** OWASP CSV-injection neutralisation; `phone` allows plain international numbers through. */
export function neutralize(value: string, phone = false): string {
  if (!triggers.test(value)) return value;
  if (phone && harmlessPhone.test(value)) return value;
  return `'${value}`;
}

export function csvCell(value: string, phone = false): string {
  const v = neutralize(value, phone);
  return needsQuotes.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export interface CsvColumn {
  header: string;
  /** Phone columns: plain international numbers are not prefixed (see above). */
  phone?: boolean;
}

/** A whole CSV file: BOM, header, rows, CRLF after every record. */
export function csvText(columns: readonly CsvColumn[], rows: readonly (readonly string[])[]): string {
  const out: string[] = [BOM, columns.map((c) => csvCell(c.header)).join(','), '\r\n'];
  for (const row of rows) {
    out.push(columns.map((c, i) => csvCell(row[i] ?? '', c.phone ?? false)).join(','), '\r\n');
  }
  return out.join('');
}
