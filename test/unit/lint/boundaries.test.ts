// Proves the import boundaries of DESIGN.md §1 are enforced by the linter, not by memory: each
// forbidden import below must be reported, and the allowed ones must not be.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['electron/engine/sync/run.ts', "import { app } from 'electron';\nexport const a = app;\n", /electron may only be imported/],
    ['electron/engine/api/settings.ts', "import Store from 'electron-store';\nexport const s = Store;\n", /electron-store may only be imported/],
    ['electron/engine/sync/plan.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n", /better-sqlite3 may only be imported/],
    ['electron/engine/providers/carddav/x.ts', "import { people } from '@googleapis/people';\nexport const p = people;\n", /@googleapis\/people may only be imported/],
    ['electron/engine/providers/google/x.ts', "import { DAVClient } from 'tsdav';\nexport const c = DAVClient;\n", /tsdav may only be imported/],
    ['shared/api/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", /no Node built-ins/],
    ['renderer/src/x.ts', "import path from 'path';\nexport const p = path;\n", /no Node built-ins/],
    ['renderer/src/y.ts', "import { createEngine } from '../../electron/engine/index.ts';\nexport const c = createEngine;\n", /only through the contract/],
    ['electron/engine/z.ts', "import { startServer } from '../headless/serve.ts';\nexport const s = startServer;\n", /does not know its host/],
    ['shared/model/z.ts', "import { manualClock } from '../../electron/engine/ports-memory.ts';\nexport const y = manualClock;\n", /depends on nothing/],
  ])('rejects in %s: %s', async (file, code, expected) => {
    const found = await problems(file, code);
    expect(found.some((m) => expected.test(m)), found.join('\n') || 'no boundary error reported').toBe(true);
  });

  it.each([
    ['electron/engine/db/open.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/engine/providers/carddav/x.ts', "import { DAVClient } from 'tsdav';\nexport const c = DAVClient;\n"],
    ['electron/engine/sync/x.ts', "import { join } from 'node:path';\nexport const j = join;\n"],
    ['renderer/src/z.ts', "import { createClient } from '../../shared/api/client.ts';\nexport const c = createClient;\n"],
  ])('allows in %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
