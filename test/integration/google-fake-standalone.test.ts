// The fake runs in plain Node 22 (type stripping, erasable TypeScript only), as `npm run google-fake`
// starts it for manual runs: it prints its endpoints and a token pair, serves, and stops on SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

test('the fake starts alone in plain Node (npm run google-fake) and stops on SIGTERM', async () => {
  const script = fileURLToPath(new URL('../support/google-fake/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', script, '--seed', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.trimEnd().endsWith('}')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    const info = JSON.parse(out) as { url: string; accessToken: string; clientId: string; clientSecret: string };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.clientSecret).toMatch(/^GOCSPX-/);
    const res = await fetch(`${info.url}/v1/people/me/connections?personFields=names`, { headers: { authorization: `Bearer ${info.accessToken}` } });
    expect(((await res.json()) as { connections: unknown[] }).connections).toHaveLength(2);
    expect(err).toBe('');
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    }
  }
});
