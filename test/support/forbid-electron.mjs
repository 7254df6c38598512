// Loaded with `node --import` by the plain-Node CLI test: any attempt to load electron or
// electron-store fails loudly, proving the engine and headless host never pull Electron in.
import { registerHooks } from 'node:module';

const forbidden = new Set(['electron', 'electron-store']);

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (forbidden.has(specifier) || specifier.startsWith('electron/')) {
      throw new Error(`plain-Node host imported '${specifier}' (from ${context.parentURL ?? '?'})`);
    }
    return nextResolve(specifier, context);
  },
});
