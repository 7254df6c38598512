// The Google provider's public surface: the source, sign-in, configuration and the update payload
// helper. The engine imports from here only; the Google client libraries stay inside this folder
// (eslint.config.js packageHomes, DESIGN.md §1).
export { GoogleSource } from './google-source.ts';
export type { BatchCreateEntry, BatchUpdateEntry, GoogleSourceOptions } from './google-source.ts';
export { createGoogleSource } from './connect.ts';
export type { GoogleAccountOptions } from './connect.ts';
export { contactsScope, createAuthClient, revokeGrant, signInWithBrowser, verifyGrant } from './oauth.ts';
export type { GoogleGrant, SignInOptions } from './oauth.ts';
export { googleConfigFromEnv, googleDefaults, googleEndpointsFromEnv, googleEnvVars } from './config.ts';
export type { Env, GoogleClientCredentials, GoogleConfig, GoogleEndpoints } from './config.ts';
export { decodeUpdate, encodeUpdate } from './bodies.ts';
export type { UpdateEnvelope } from './bodies.ts';
export { defaultBudget } from './budget.ts';
export type { BudgetLimits, QuotaBucket } from './budget.ts';
export type { RetryPolicy } from './backoff.ts';
export type { GroupMaps } from './groups.ts';
export type { GoogleChangePage } from './listing.ts';
export type { GoogleRemoteItem } from './remote-item.ts';
export type { WriteResult } from './results.ts';
