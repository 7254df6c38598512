// The vCard tokenizer: unfolding, vCard 2.1 continuations, parameters, byte input and typed
// errors. The line model must be lossless (raw text of every property kept exactly), so most
// tests also check that the card's pieces add up to the input.
import { describe, expect, it } from 'vitest';
import { parseVCard, parseVCards } from '../../../electron/engine/model/vcard/index.ts';
import type { VCard, VCardParseResult } from '../../../electron/engine/model/vcard/index.ts';
import { listValue, structuredValue, textValue } from '../../../electron/engine/model/vcard/decode.ts';

function card(result: VCardParseResult): VCard {
  if (!result.ok) throw new Error(`parse failed: ${result.error.kind} ${result.error.message} (line ${result.error.line})`);
  return result.card;
}

function prop(c: VCard, name: string, n = 0) {
  const found = c.properties.filter((p) => p.name === name)[n];
  if (!found) throw new Error(`no ${name}`);
  return found;
}

/** begin + every property's raw + end is the card's text. */
function expectLossless(c: VCard): void {
  expect(c.begin + c.properties.map((p) => p.raw).join('') + c.end).toBe(c.raw);
}

describe('line model', () => {
  it('keeps groups, names, parameters and the exact raw text', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nitem1.EMAIL;type=INTERNET;type=pref:a@b.c\r\nitem1.X-ABLabel:Parzelle\r\nEND:VCARD\r\n';
    const c = card(parseVCard(text));
    expect(c.version).toBe('3.0');
    expect(c.raw).toBe(text);
    expectLossless(c);
    const email = prop(c, 'EMAIL');
    expect(email).toMatchObject({ group: 'item1', value: 'a@b.c', raw: 'item1.EMAIL;type=INTERNET;type=pref:a@b.c\r\n', line: 3 });
    expect(email.params).toEqual([
      { name: 'TYPE', values: ['INTERNET'] },
      { name: 'TYPE', values: ['pref'] },
    ]);
    expect(prop(c, 'X-ABLABEL').group).toBe('item1');
  });

  it('unfolds CRLF, LF and CR lines continued by a space or a tab', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const text = `BEGIN:VCARD${eol}VERSION:3.0${eol}NOTE:one${eol} two${eol}\t three${eol}END:VCARD${eol}`;
      const c = card(parseVCard(text));
      expect(prop(c, 'NOTE').value).toBe('onetwo three');
      expect(prop(c, 'NOTE').raw).toBe(`NOTE:one${eol} two${eol}\t three${eol}`);
      expectLossless(c);
    }
  });

  it('splits parameter lists both ways and keeps quoted values whole', () => {
    const c = card(parseVCard('BEGIN:VCARD\nVERSION:4.0\nTEL;TYPE=cell,voice;PREF=1:1\nADR;LABEL="Main St. 1\\n:;,x";TYPE="home,work":;;Main St. 1;;;;\nEND:VCARD\n'));
    expect(prop(c, 'TEL').params).toEqual([
      { name: 'TYPE', values: ['cell', 'voice'] },
      { name: 'PREF', values: ['1'] },
    ]);
    expect(prop(c, 'ADR').params[0]).toEqual({ name: 'LABEL', values: ['Main St. 1\\n:;,x'] });
    expect(prop(c, 'ADR').params[1]).toEqual({ name: 'TYPE', values: ['home,work'] });
    expect(prop(c, 'ADR').value).toBe(';;Main St. 1;;;;');
  });

  it('decodes RFC 6868 caret escapes in 4.0 parameters only', () => {
    const v4 = card(parseVCard('BEGIN:VCARD\nVERSION:4.0\nADR;LABEL="a^nb^^c^\'d":;;;;;;\nEND:VCARD\n'));
    expect(prop(v4, 'ADR').params[0]?.values).toEqual(['a\nb^c"d']);
    const v3 = card(parseVCard('BEGIN:VCARD\nVERSION:3.0\nX-A;X-P=a^nb:1\nEND:VCARD\n'));
    expect(prop(v3, 'X-A').params[0]?.values).toEqual(['a^nb']);
  });

  it('names vCard 2.1 bare parameters by what they are', () => {
    const c = card(parseVCard('BEGIN:VCARD\r\nVERSION:2.1\r\nTEL;CELL;PREF:+49 1\r\nNOTE;QUOTED-PRINTABLE:a=3Db\r\nPHOTO;JPEG;BASE64:AAAA\r\n\r\nEND:VCARD\r\n'));
    expect(prop(c, 'TEL').params).toEqual([
      { name: 'TYPE', values: ['CELL'] },
      { name: 'TYPE', values: ['PREF'] },
    ]);
    expect(prop(c, 'NOTE').params).toEqual([{ name: 'ENCODING', values: ['QUOTED-PRINTABLE'] }]);
    expect(prop(c, 'PHOTO').params).toEqual([
      { name: 'TYPE', values: ['JPEG'] },
      { name: 'ENCODING', values: ['BASE64'] },
    ]);
  });

  it('joins quoted-printable soft line breaks and decodes with CHARSET', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen;;;',
      'NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Erste Zeile=0D=0AZweite =',
      'Zeile mit =C3=A9=',
      '=E2=82=AC',
      'ADR;HOME;CHARSET=windows-1252;ENCODING=QUOTED-PRINTABLE:;;Stra=DFe 1;K=F6ln;;50667;=80',
      'END:VCARD',
      '',
    ].join('\r\n');
    const c = card(parseVCard(text));
    expectLossless(c);
    const warnings: string[] = [];
    expect(structuredValue(prop(c, 'N'), warnings).slice(0, 2)).toEqual(['Müller', 'Jürgen']);
    expect(textValue(prop(c, 'NOTE'), warnings)).toBe('Erste Zeile\nZweite Zeile mit é€');
    expect(prop(c, 'NOTE').line).toBe(4);
    expect(structuredValue(prop(c, 'ADR'), warnings)).toEqual(['', '', 'Straße 1', 'Köln', '', '50667', '€']);
    expect(warnings).toEqual([]);
  });

  it('reads 2.1 base64 bodies whose lines are not indented', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:2.1\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ\r\nSkZJRgAB\r\nAQ==\r\n\r\nEND:VCARD\r\n';
    const c = card(parseVCard(text));
    expect(prop(c, 'PHOTO').value).toBe('/9j/4AAQSkZJRgABAQ==');
    expectLossless(c);
  });

  it('unescapes text and splits only on unescaped separators', () => {
    const c = card(parseVCard('BEGIN:VCARD\nVERSION:3.0\nN:O\\;Brien;Se\\,an;;;\nNOTE:a\\nb\\Nc\\\\d\\,e\\;f\\:g\\xh\nCATEGORIES:a\\,b,c,,d\nEND:VCARD\n'));
    const w: string[] = [];
    expect(structuredValue(prop(c, 'N'), w)).toEqual(['O;Brien', 'Se,an', '', '', '']);
    expect(textValue(prop(c, 'NOTE'), w)).toBe('a\nb\nc\\d,e;f:g\\xh');
    expect(listValue(prop(c, 'CATEGORIES'), w)).toEqual(['a,b', 'c', 'd']);
  });

  it('splits a stream into cards and keeps property order', () => {
    const text = 'BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n\n\nbegin:vcard\nversion:4.0\nfn:B\nend:vcard\n';
    const results = parseVCards(text);
    expect(results.map((r) => r.ok && r.card.properties.map((p) => p.value))).toEqual([
      ['3.0', 'A'],
      ['4.0', 'B'],
    ]);
    expect(results.map((r) => r.ok && r.card.line)).toEqual([1, 7]);
  });

  it('assumes 3.0 when VERSION is missing and says so', () => {
    const c = card(parseVCard('BEGIN:VCARD\nFN:A\nEND:VCARD'));
    expect(c.version).toBe('3.0');
    expect(c.warnings).toEqual(['no VERSION property; read as 3.0']);
    expect(c.end).toBe('END:VCARD');
  });

  it('keeps blank lines inside a card in the raw text', () => {
    const text = 'BEGIN:VCARD\r\n\r\nVERSION:3.0\r\n\r\nFN:A\r\nEND:VCARD\r\n';
    const c = card(parseVCard(text));
    expect(c.raw).toBe(text);
    expectLossless(c);
  });
});

describe('byte input', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('decodes UTF-8, with or without a byte-order mark', () => {
    const bytes = enc('\uFEFFBEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nEND:VCARD\r\n');
    expect(prop(card(parseVCard(bytes)), 'FN').value).toBe('张三');
  });

  it('re-joins a UTF-8 character split by a fold', () => {
    const zhang = enc('张'); // 3 bytes
    const bytes = new Uint8Array([...enc('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:ab'), ...zhang.subarray(0, 1), ...enc('\r\n '), ...zhang.subarray(1), ...enc('三\r\nEND:VCARD\r\n')]);
    const c = card(parseVCard(bytes));
    expect(prop(c, 'FN').value).toBe('ab张三');
    expect(prop(c, 'FN').line).toBe(3);
    expectLossless(c);
  });

  it('decodes 8-bit values in their CHARSET', () => {
    const bytes = new Uint8Array([...enc('BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:M'), 0xfc, ...enc('ller;J'), 0xfc, ...enc('rgen\r\nEND:VCARD\r\n')]);
    expect(prop(card(parseVCard(bytes)), 'N').value).toBe('Müller;Jürgen');
  });

  it('decodes UTF-16 files', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nEND:VCARD\r\n';
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(prop(card(parseVCard(le)), 'FN').value).toBe('Zoë');
  });

  it('reports invalid UTF-8 with its line and returns the original bytes', () => {
    const bytes = new Uint8Array([...enc('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:ok\r\nNOTE:bad '), 0xc3, 0x28, ...enc('\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:next\r\nEND:VCARD\r\n')]);
    const [first, second] = parseVCards(bytes);
    expect(first?.ok).toBe(false);
    if (first && !first.ok) {
      expect(first.error).toMatchObject({ kind: 'invalid-encoding', line: 4 });
      expect(first.raw).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(first.raw as Uint8Array).equals(Buffer.from(bytes.subarray(0, first.raw.length)))).toBe(true);
    }
    expect(second?.ok && prop(second.card, 'FN').value).toBe('next');
  });
});

describe('bad input', () => {
  const kindOf = (r: VCardParseResult | undefined) => (r && !r.ok ? [r.error.kind, r.error.line] : r?.ok);

  it('missing END: typed error, raw kept, next card still read', () => {
    const text = 'BEGIN:VCARD\nVERSION:3.0\nFN:A\nBEGIN:VCARD\nVERSION:3.0\nFN:B\nEND:VCARD\n';
    const results = parseVCards(text);
    expect(kindOf(results[0])).toEqual(['missing-end', 1]);
    expect(results[0] && !results[0].ok && results[0].raw).toBe('BEGIN:VCARD\nVERSION:3.0\nFN:A\n');
    expect(results[1]?.ok).toBe(true);
    expect(kindOf(parseVCard('BEGIN:VCARD\nVERSION:3.0\nFN:A\n'))).toEqual(['missing-end', 1]);
  });

  it('broken folding (a continuation without its leading space) is a malformed line', () => {
    const r = parseVCard('BEGIN:VCARD\nVERSION:3.0\nNOTE:this note was folded\nwithout the leading space\nEND:VCARD\n');
    expect(kindOf(r)).toEqual(['malformed-line', 4]);
    const r2 = parseVCard('BEGIN:VCARD\n continued from nowhere\nEND:VCARD\n');
    expect(kindOf(r2)).toEqual(['malformed-line', 2]);
  });

  it('binary junk: NUL characters and text outside cards', () => {
    const junk = new Uint8Array(2000).map((_, i) => (i * 7919) % 256);
    const results = parseVCards(junk);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(kindOf(parseVCard('BEGIN:VCARD\nVERSION:3.0\nFN:a\u0000b\nEND:VCARD\n'))).toEqual(['binary-content', 3]);
    expect(kindOf(parseVCard('hello\nBEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n'))).toEqual(['stray-content', 1]);
    expect(kindOf(parseVCard(''))).toEqual(['no-card', 1]);
    expect(kindOf(parseVCard('BEGIN:VCARD\nEND:VCARD\nBEGIN:VCARD\nEND:VCARD\n'))).toEqual(['multiple-cards', 3]);
  });

  it('a 5 MB NOTE is over the default limit, and reads with a raised one', () => {
    const note = 'x'.repeat(5 * 1024 * 1024);
    const text = `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nNOTE:${note}\r\nEND:VCARD\r\n`;
    expect(kindOf(parseVCard(text))).toEqual(['too-large', 4]);
    const big = parseVCard(text, { maxPropertyLength: 8 * 1024 * 1024 });
    expect(big.ok && prop(big.card, 'NOTE').value.length).toBe(note.length);
  });

  it('10,000 properties are over the default limit, and read with a raised one', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `X-P${i}:${i}`).join('\r\n');
    const text = `BEGIN:VCARD\r\nVERSION:3.0\r\n${lines}\r\nEND:VCARD\r\n`;
    expect(kindOf(parseVCard(text))).toEqual(['too-many-properties', 5002]);
    const big = parseVCard(text, { maxProperties: 20_000 });
    expect(big.ok && big.card.properties.length).toBe(10_001);
  });

  it('never throws on random text', () => {
    const alphabet = 'BEGIN:VCARD\r\nEND;=":, \t\\.\u00e9\u5f20';
    let seed = 42;
    for (let n = 0; n < 300; n++) {
      let s = '';
      for (let i = 0; i < 200; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        s += alphabet[seed % alphabet.length];
      }
      expect(() => parseVCards(s)).not.toThrow();
    }
  });
});

describe('linear time', () => {
  function time(fn: () => void): number {
    let best = Infinity;
    // Best of five: other test files run on the same two cores, and one GC pause must not decide.
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      fn();
      best = Math.min(best, performance.now() - t);
    }
    return best;
  }

  it('10x the input takes about 10x the time (many cards, one folded giant value)', () => {
    const cardText = 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;;;\r\nFN:John Doe\r\nitem1.EMAIL;type=INTERNET;type=pref:john@example.com\r\nitem1.X-ABLabel:Work\r\nTEL;type=CELL:+1 555 0100\r\nNOTE:a\\, b\\; c\\n\r\n  continued\r\nEND:VCARD\r\n';
    const small = cardText.repeat(4000);
    const large = cardText.repeat(40000);
    parseVCards(small); // warm up
    const ratio = time(() => parseVCards(large)) / time(() => parseVCards(small));
    // Linear is ~10; quadratic would be ~100. The margin absorbs a loaded machine.
    expect(ratio).toBeLessThan(40);

    const folded = (n: number) => `BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:${Array.from({ length: n }, () => 'y'.repeat(74)).join('\r\n ')}\r\nEND:VCARD\r\n`;
    const opts = { maxPropertyLength: 100 * 1024 * 1024 };
    const s = folded(5000);
    const l = folded(50000);
    parseVCards(s, opts);
    expect(time(() => parseVCards(l, opts)) / time(() => parseVCards(s, opts))).toBeLessThan(40);
  });
});
