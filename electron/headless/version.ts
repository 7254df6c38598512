// The app version, from package.json (one source of truth for every host).
import { readFileSync } from 'node:fs';

export const appVersion: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;
