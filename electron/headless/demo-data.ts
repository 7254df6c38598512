// The sample address books now live in the engine (electron/engine/api/demo-data.ts) so the UI's
// "Try with sample data" (demo.load) and `concord demo` write the very same cards.
export { sampleBooks } from '../engine/api/demo-data.ts';
export type { SampleBooks, SampleCard } from '../engine/api/demo-data.ts';
