// One logical content line → group, name, parameters and the start of the value
// (RFC 6350 §3.3 `[group "."] name *(";" param) ":" value`, RFC 2426 §4, vCard 2.1 §2.1.2).
// Tolerates what real writers emit: vCard 2.1 bare parameters (`TEL;CELL;PREF:`), repeated
// parameters (`type=HOME;type=pref`), comma lists (`TYPE=HOME,pref`), quoted values that hold
// `:` `;` `,` (`X-ABCROP-RECTANGLE`, `LABEL="…"`), spaces around `;` and `=` (old 2.1 phones).
// Invariant: never throws; a line it cannot read gives an error message instead, and the value
// is returned untouched (unescaping and decoding belong to decode.ts).
import type { VCardParam } from './types.ts';

export interface ContentLine {
  group: string | null;
  name: string;
  params: VCardParam[];
  /** Index in the line where the value starts (just after the colon). */
  valueStart: number;
}

/** vCard 2.1 bare parameters are TYPE values unless they name an encoding or a value location. */
function bareParamName(value: string): string {
  switch (value.toUpperCase()) {
    case 'QUOTED-PRINTABLE':
    case 'BASE64':
    case '8BIT':
    case '7BIT':
      return 'ENCODING';
    case 'INLINE':
    case 'URL':
    case 'CONTENT-ID':
    case 'CID':
      return 'VALUE';
    default:
      return 'TYPE';
  }
}

/** RFC 6868: in vCard 4 parameter values ^n is a newline, ^' a double quote and ^^ a caret. */
function decodeCaret(value: string): string {
  if (!value.includes('^')) return value;
  return value.replace(/\^([n'^])/g, (_, c: string) => (c === 'n' ? '\n' : c === "'" ? '"' : '^'));
}

/**
 * Upper-cased names and short parameter values, interned: a 100k-card address book repeats the
 * same few dozen spellings millions of times, and sharing them keeps the line model small.
 */
const interned = new Map<string, string>();
function intern(value: string, upper: boolean): string {
  const key = upper ? value : `\u0000${value}`;
  const hit = interned.get(key);
  if (hit !== undefined) return hit;
  const out = upper ? value.toUpperCase() : value;
  if (interned.size < 4096 && value.length <= 40) interned.set(key, out);
  return out;
}

const COLON = 58;
const SEMI = 59;
const COMMA = 44;
const EQUALS = 61;
const QUOTE = 34;

/** Parses the header of a content line. Returns a message when the line has no name or no colon. */
export function parseContentLine(line: string, caret: boolean): ContentLine | string {
  const n = line.length;
  let i = 0;
  // Name (with optional group): everything up to the first ';' or ':'.
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === COLON || c === SEMI) break;
    i++;
  }
  if (i >= n) return 'no colon after the property name';
  const fullName = line.slice(0, i).trim();
  if (fullName === '' || /[\s"]/.test(fullName)) return `not a property name: "${fullName.slice(0, 40)}"`;
  const dot = fullName.indexOf('.');
  const group = dot >= 0 ? fullName.slice(0, dot) : null;
  const name = intern(dot >= 0 ? fullName.slice(dot + 1) : fullName, true);
  if (name === '' || group === '') return `not a property name: "${fullName.slice(0, 40)}"`;
  const params: VCardParam[] = [];
  while (line.charCodeAt(i) === SEMI) {
    i++;
    // Parameter name up to '=', ';' or ':'.
    const start = i;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c === EQUALS || c === SEMI || c === COLON) break;
      i++;
    }
    if (i >= n) return 'no colon after the parameters';
    const pname = line.slice(start, i).trim();
    if (line.charCodeAt(i) !== EQUALS) {
      if (pname !== '') params.push({ name: bareParamName(pname), values: [intern(pname, false)] });
      continue;
    }
    i++; // '='
    const values: string[] = [];
    for (;;) {
      while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
      if (line.charCodeAt(i) === QUOTE) {
        const close = line.indexOf('"', i + 1);
        if (close < 0) return 'unterminated quoted parameter value';
        const v = line.slice(i + 1, close);
        values.push(caret ? decodeCaret(v) : v);
        i = close + 1;
        // Anything between the closing quote and the next delimiter is kept with the value's text.
        const rest = i;
        while (i < n) {
          const c = line.charCodeAt(i);
          if (c === COMMA || c === SEMI || c === COLON) break;
          i++;
        }
        if (i > rest && line.slice(rest, i).trim() !== '') values[values.length - 1] += line.slice(rest, i);
      } else {
        const vs = i;
        while (i < n) {
          const c = line.charCodeAt(i);
          if (c === COMMA || c === SEMI || c === COLON) break;
          i++;
        }
        const v = line.slice(vs, i).trim();
        values.push(intern(caret ? decodeCaret(v) : v, false));
      }
      if (i >= n) return 'no colon after the parameters';
      if (line.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }
    params.push({ name: intern(pname, true), values: values.length === 1 ? [values[0] as string] : values.slice() });
  }
  if (line.charCodeAt(i) !== COLON) return 'no colon after the parameters';
  // Exact-size copies: arrays grown by push keep spare capacity, which adds up over millions of lines.
  return { group, name, params: params.length === 0 ? [] : params.slice(), valueStart: i + 1 };
}

