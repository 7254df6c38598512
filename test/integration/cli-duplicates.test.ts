// `concord duplicates list|merge|dismiss` end to end in plain Node. The same person written in
// hanzi and pinyin with one phone is linked on import already (a strong match); two "Ann Lee"
// cards with nothing else in common are only suggested: merged as one run, undone, and once
// dismissed never suggested again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StatusView } from '../../shared/api/contract.ts';
import { concord } from './cli-harness.ts';

const temp = mkdtempSync(join(tmpdir(), 'concord-cli-dups-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const cli = concord(join(temp, 'data'));

const card = (uid: string, lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', `UID:${uid}`, ...lines, 'END:VCARD', ''].join('\r\n');

interface Cluster {
  id: string;
  contactIds: string[];
  score: number;
  reasons: string[];
}

describe('concord duplicates', () => {
  it('finds, merges, undoes and dismisses', async () => {
    const file = join(temp, 'people.vcf');
    writeFileSync(
      file,
      [
        card('a', ['FN:张伟', 'N:张;伟;;;', 'TEL;TYPE=CELL:+86 138 0013 8000', 'BDAY:1990-04-01']),
        card('b', ['FN:Zhang Wei', 'N:Zhang;Wei;;;', 'TEL;TYPE=CELL:+86 13800138000', 'EMAIL:zhang.wei@example.cn']),
        card('c', ['FN:Ann Lee', 'N:Lee;Ann;;;', 'EMAIL:ann@example.org']),
        card('d', ['FN:Ann Lee', 'N:Lee;Ann;;;', 'EMAIL:ann.lee@work.example', 'BDAY:1971-01-01']),
      ].join(''),
    );
    await cli.ok(['import', file]);
    const status = await cli.json<StatusView>(['status', '--json']);
    expect(status.contacts).toBe(3); // 张伟 and Zhang Wei became one contact at import
    const clusters = await cli.json<Cluster[]>(['duplicates', 'list', '--scan', '--json']);
    expect(clusters).toHaveLength(1);
    const ann = clusters[0]!;
    expect(ann.contactIds).toHaveLength(2);
    expect(ann.reasons.join(' ')).toMatch(/Ann Lee/);

    const merged = await cli.json<{ run: number }>(['duplicates', 'merge', ann.id, '--json']);
    expect((await cli.json<StatusView>(['status', '--json'])).contacts).toBe(2);
    await cli.ok(['undo', String(merged.run)]);
    expect((await cli.json<StatusView>(['status', '--json'])).contacts).toBe(3);

    const again = await cli.json<Cluster[]>(['duplicates', 'list', '--scan', '--json']);
    expect(again).toHaveLength(1);
    expect(await cli.ok(['duplicates', 'dismiss', again[0]!.id])).toMatch(/will not be suggested/);
    expect(await cli.json<Cluster[]>(['duplicates', 'list', '--scan', '--json'])).toEqual([]);
    expect(await cli.fails(['duplicates', 'merge', 'no-such-cluster'])).toMatch(/./);
  });

  it('merges the whole high tier at once (--tier high), one run to undo', async () => {
    const other = concord(join(temp, 'data-tier'));
    const file = join(temp, 'tier.vcf');
    const ann = ['FN:Ann Lee', 'N:Lee;Ann;;;', 'BDAY:1971-01-01', 'ORG:Acme Labs'];
    writeFileSync(
      file,
      [
        card('t1', [...ann, 'EMAIL:ann@example.org']),
        card('t2', [...ann, 'EMAIL:ann.lee@work.example']),
        card('t3', ['FN:Robert Stone', 'N:Stone;Robert;;;', 'TEL;TYPE=CELL:+1 415 555 0100']),
        card('t4', ['FN:Bob Stone', 'N:Stone;Bob;;;', 'TEL;TYPE=CELL:(415) 555-0100']),
      ].join(''),
    );
    await other.ok(['import', file]);
    const listed = await other.json<Cluster[]>(['duplicates', 'list', '--scan', '--json']);
    expect(listed.map((c) => (c as Cluster & { tier: string }).tier).sort()).toEqual(['high', 'medium']);
    expect(await other.fails(['duplicates', 'merge', '--tier', 'medium'], 2)).toMatch(/--tier takes 'high' only/);
    const merged = await other.json<{ merged: number; run: number }>(['duplicates', 'merge', '--tier', 'high', '--json']);
    expect(merged).toEqual({ merged: 1, run: expect.any(Number) });
    expect((await other.json<StatusView>(['status', '--json'])).contacts).toBe(3);
    expect(await other.ok(['duplicates', 'merge', '--tier', 'high'])).toMatch(/No high-confidence duplicates/);
    await other.ok(['undo', String(merged.run)]);
    expect((await other.json<StatusView>(['status', '--json'])).contacts).toBe(4);
  });
});
