// app.* and settings.*: facts about the running engine, and the app-wide settings.
import { latestVersion } from '../db/migrations/index.ts';
import type { DomainHandlers } from './handlers.ts';

export const appHandlers: DomainHandlers<'app.info' | 'settings.get' | 'settings.update'> = {
  'app.info': (_params, ctx) => ({ version: ctx.version, dataDir: ctx.dataDir, schemaVersion: latestVersion, host: ctx.host }),
  'settings.get': (_params, ctx) => ctx.settings(),
  'settings.update': (patch, ctx) => {
    const next = { ...ctx.settings() };
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) Object.assign(next, { [key]: value });
    ctx.setSettings(next);
    ctx.emit('settings.changed', next);
    return next;
  },
};
