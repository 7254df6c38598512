// Schema snapshot: any change to the schema shows up in review as a diff of schema.sql, and a
// migration that changes it without a new migration number fails here first.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/db/open.ts';

describe('schema', () => {
  it('matches the reviewed snapshot', async () => {
    const db = openDatabase(':memory:');
    const rows = db
      .prepare(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name`)
      .all() as { type: string; name: string; sql: string }[];
    db.close();
    const text = rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql.replace(/[ \t]+$/gm, '')};\n`).join('\n');
    await expect(text).toMatchFileSnapshot('./__snapshots__/schema.sql');
  });
});
