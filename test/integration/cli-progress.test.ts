// The progress bar of `concord sync` on a terminal: main() in-process with streams that say they
// are a TTY. The bar is drawn on stderr from the engine's 'sync.progress' events, redrawn in place
// and erased at the end, so the summary (or --json) on stdout stays clean.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import type { Io } from '../../electron/headless/cli-kit.ts';
import { main } from '../../electron/headless/cli.ts';

const temp = mkdtempSync(join(tmpdir(), 'concord-cli-progress-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function sink(tty: boolean): Writable & { text: string; isTTY: boolean; columns: number } {
  const stream = new Writable({
    write(chunk, _enc, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string; isTTY: boolean; columns: number };
  stream.text = '';
  stream.isTTY = tty;
  stream.columns = 100;
  return stream;
}

function io(tty: boolean): Io & { stdout: ReturnType<typeof sink>; stderr: ReturnType<typeof sink> } {
  const stdin = new PassThrough();
  stdin.end();
  return { stdout: sink(tty), stderr: sink(tty), stdin, env: { CONCORD_LOG: undefined } };
}

it('draws a progress bar on a terminal and erases it; prints none when stderr is not a terminal', async () => {
  const data = join(temp, 'data');
  const book = join(temp, 'book');
  mkdirSync(book);
  for (let i = 0; i < 30; i++) writeFileSync(join(book, `p${i}.vcf`), `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:p${i}\r\nFN:Person ${i}\r\nEND:VCARD\r\n`);
  expect(await main(['--data-dir', data, 'account', 'add', 'folder', '--name', 'Book', '--path', book], io(false))).toBe(0);

  const terminal = io(true);
  expect(await main(['--data-dir', data, 'sync', '--json'], terminal)).toBe(0);
  expect(JSON.parse(terminal.stdout.text)).toMatchObject({ created: 30, errors: 0 });
  const ESC = String.fromCharCode(27);
  const frames = terminal.stderr.text.split(`\r${ESC}[K`);
  expect(frames.some((f) => /^Book · (snapshot|plan|execute|commit) +\[[#-]{24}\] \d+\/\d+$/.test(f))).toBe(true);
  expect(frames.at(-1)).toBe('');

  const piped = io(false);
  expect(await main(['--data-dir', data, 'sync'], piped)).toBe(0);
  expect(piped.stderr.text).toBe('');
  expect(piped.stdout.text).toMatch(/^Sync run \d+: 0 created, 0 updated, 0 deleted, 0 conflicts, 0 errors\.\n {2}Book: up to date\n$/);
});
