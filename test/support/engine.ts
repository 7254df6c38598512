// Test helpers for the engine: a fresh engine on a temp (or in-memory) database with memory
// ports, and a typed client over the in-process transport, as the UI and CLI use it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../../shared/api/client.ts';
import type { ConcordClient } from '../../shared/api/client.ts';
import type { AnyEventMessage } from '../../shared/api/events.ts';
import type { ContactFields } from '../../shared/model/contact.ts';
import { emptyContactFields } from '../../shared/model/contact.ts';
import { inProcessTransport } from '../../electron/engine/api/in-process.ts';
import { createEngine } from '../../electron/engine/index.ts';
import type { Engine, EngineOptions } from '../../electron/engine/index.ts';
import { memoryPorts } from '../../electron/engine/ports-memory.ts';
import type { Ports } from '../../electron/engine/ports.ts';
import type { SourceFactories } from '../../electron/engine/sync/sources.ts';

export interface TestEngine {
  engine: Engine;
  client: ConcordClient;
  ports: Ports;
  events: AnyEventMessage[];
  dataDir: string;
  close(): void;
}

export function startTestEngine(options: { ports?: Ports; onDisk?: boolean; sources?: SourceFactories; google?: EngineOptions['google'] } = {}): TestEngine {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-test-'));
  const ports = options.ports ?? memoryPorts();
  const engine = createEngine(ports, {
    dataDir,
    host: 'test',
    version: '0.0.0-test',
    ...(options.onDisk ? {} : { databasePath: ':memory:' }),
    ...(options.sources && { sources: options.sources }),
    ...(options.google && { google: options.google }),
  });
  const events: AnyEventMessage[] = [];
  engine.subscribe((m) => events.push(m));
  return {
    engine,
    client: createClient(inProcessTransport(engine)),
    ports,
    events,
    dataDir,
    close() {
      engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Contact fields from a few parts, the rest empty. */
export function person(parts: { given?: string; family?: string; fn?: string; email?: string; phone?: string; org?: string; note?: string }): ContactFields {
  const f = emptyContactFields();
  f.name.given = parts.given ?? '';
  f.name.family = parts.family ?? '';
  f.formattedName = parts.fn ?? '';
  if (parts.email) f.emails.push({ value: parts.email, label: 'home', primary: true });
  if (parts.phone) f.phones.push({ value: parts.phone, label: 'mobile', primary: true });
  if (parts.org) f.organizations.push({ name: parts.org, department: '', title: '', phoneticName: '' });
  f.note = parts.note ?? '';
  return f;
}
