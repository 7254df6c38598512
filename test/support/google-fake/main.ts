// Runs the Google fake alone for manual experiments (`npm run google-fake` starts this file):
//   node --disable-warning=ExperimentalWarning test/support/google-fake/main.ts [--port N] [--seed N] [--no-quotas]
// Prints the endpoints, the OAuth client id/secret and a ready-to-use token pair as JSON, then serves until
// SIGINT/SIGTERM. Plain Node 22 with type stripping: erasable TypeScript only, no dependencies.

import { parseArgs } from 'node:util';
import { startGoogleFake } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    seed: { type: 'string' },
    'no-quotas': { type: 'boolean' },
  },
});

const fake = await startGoogleFake({
  ...(values.port ? { port: Number(values.port) } : {}),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values['no-quotas'] ? { quotas: false as const } : {}),
});
const tokens = fake.state.oauth.issueTokens();
console.log(JSON.stringify({
  url: fake.url,
  rootUrl: fake.rootUrl,
  authUrl: fake.authUrl,
  tokenUrl: fake.tokenUrl,
  revokeUrl: fake.revokeUrl,
  clientId: fake.clientId,
  clientSecret: fake.clientSecret,
  accessToken: tokens.access_token,
  refreshToken: tokens.refresh_token,
  example: `curl -H 'Authorization: Bearer ${tokens.access_token}' '${fake.url}/v1/people/me/connections?personFields=names,metadata&pageSize=5'`,
}, null, 2));

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  fake.close().then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
