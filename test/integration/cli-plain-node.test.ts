// The headless host in plain Node, as users run it: Node 22 strips the TypeScript, no bundler, and
// a resolve hook that fails on any import of electron or electron-store (DESIGN.md §1: a CLI smoke
// test in plain Node proves the engine does not pull Electron in).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'electron', 'headless', 'cli.ts');
const nodeArgs = ['--disable-warning=ExperimentalWarning', '--import', join(root, 'test', 'support', 'forbid-electron.mjs')];
const temp = mkdtempSync(join(tmpdir(), 'concord-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('concord CLI in plain Node', () => {
  it('prints its version and rejects unknown commands with one line and exit code 2', () => {
    const ok = spawnSync(process.execPath, [...nodeArgs, cli, 'version'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const bad = spawnSync(process.execPath, [...nodeArgs, cli, 'frobnicate'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("concord: unknown command 'frobnicate' (see concord help)\n");
  });

  it('the resolve hook really blocks electron (the check can fail)', () => {
    const r = spawnSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', "await import('electron')"], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("plain-Node host imported 'electron'");
  });

  it('serves the UI over the real engine and stops cleanly on SIGTERM', async () => {
    const staticDir = join(temp, 'ui');
    const dataDir = join(temp, 'data');
    rmSync(staticDir, { recursive: true, force: true });
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<title>Concord UI</title>');
    const child = spawn(process.execPath, [...nodeArgs, cli, '--data-dir', dataDir, 'serve', '--static', staticDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    const page = await fetch(url.replace(/#.*/, ''));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Concord UI');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });
});
