// Runs one sync command (Concord's CLI or vdirsyncer) as a child process and measures it from the
// outside the same way for both: wall time, peak RSS and CPU time, taken by a tiny Python wrapper
// from wait4()'s rusage (ru_maxrss of the waited child: the kernel's exact high-water mark, not a
// sample), and a time limit after which the child is killed and the run reported as timed out.
// Python is there anyway (both test servers and vdirsyncer are Python); /usr/bin/time may not be.
// Invariant: no child outlives its run: the wrapper kills the child on the time limit, and the
// wrapper itself (own process group) is killed with its group if it overstays by a grace period.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildRun {
  code: number | null;
  timedOut: boolean;
  wallMs: number;
  peakRssMiB: number;
  cpuMs: number;
  stdout: string;
  stderr: string;
}

const WRAPPER = `
import json, os, resource, subprocess, sys, time
out, limit, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
t = time.monotonic()
p = subprocess.Popen(cmd)
timed_out = False
try:
    code = p.wait(timeout=limit)
except subprocess.TimeoutExpired:
    timed_out = True
    p.kill()
    code = p.wait()
wall = time.monotonic() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, 'w') as f:
    json.dump({'code': code, 'timed_out': timed_out, 'wall': wall, 'maxrss_kib': r.ru_maxrss, 'cpu': r.ru_utime + r.ru_stime}, f)
`;

const OUTPUT_LIMIT = 256 * 1024;

export function runChild(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; limitMs: number }): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-child-'));
  const resultFile = join(dir, 'rusage.json');
  return new Promise<ChildRun>((resolve, reject) => {
    const child = spawn('python3', ['-c', WRAPPER, resultFile, String(options.limitMs / 1000), command, ...args], {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout = (stdout + c.toString('utf8')).slice(-OUTPUT_LIMIT)));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-OUTPUT_LIMIT)));
    // Safety net only: the wrapper enforces the limit itself.
    const guard = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.limitMs + 30_000);
    child.on('error', (error) => {
      clearTimeout(guard);
      rmSync(dir, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', (wrapperCode) => {
      clearTimeout(guard);
      try {
        const r = JSON.parse(readFileSync(resultFile, 'utf8')) as { code: number; timed_out: boolean; wall: number; maxrss_kib: number; cpu: number };
        resolve({ code: r.timed_out ? null : r.code, timedOut: r.timed_out, wallMs: r.wall * 1000, peakRssMiB: r.maxrss_kib / 1024, cpuMs: r.cpu * 1000, stdout, stderr });
      } catch {
        reject(new Error(`${command}: the measuring wrapper ended with ${String(wrapperCode)} and no result: ${stderr.slice(-2000)}`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
