// iCloud's limits (issue #5; carddav-icloud.md §0 item 7): a photo over 224 KB reaches iCloud reduced
// through the host's image port while the hub keeps the original, and the next syncs neither write
// again nor take the smaller copy for the user's edit; a card over 256 KB is reported per contact
// with its size and what to do, and the run goes on. Engine + Radicale (where the photo comes from)
// + the iCloud simulator.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRecords } from '../../electron/engine/db/repos/records.ts';
import { accountCardDavSource } from '../../electron/engine/providers/carddav/index.ts';
import { defaultSourceFactories } from '../../electron/engine/providers/registry.ts';
import type { ImagePort } from '../../electron/engine/ports.ts';
import { vcardCodec } from '../../electron/engine/sync/codecs/vcard.ts';
import { startRadicale } from '../support/carddav-servers.ts';
import type { CardDavServer } from '../support/carddav-servers.ts';
import { basicAuth } from '../support/engine-accounts.ts';
import { startTestEngine } from '../support/engine.ts';
import type { TestEngine } from '../support/engine.ts';
import { startICloudSimulator } from '../support/icloud-simulator.ts';
import type { ICloudSimulator } from '../support/icloud-simulator.ts';
import { card } from '../support/sync-world.ts';

let radicale: CardDavServer;
let sim: ICloudSimulator;
let t: TestEngine;
const warnings: string[] = [];
/** A stand-in for nativeImage: a small JPEG-looking answer, so the test sees what iCloud got. */
const SMALL = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(2000), 0xff, 0xd9]);
const images: ImagePort = { reduce: async (_b, _t, max) => (SMALL.length <= max ? { bytes: SMALL, mediaType: 'image/jpeg' } : null) };

function bigPhotoCard(uid: string, fn: string, kb: number): string {
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(kb * 1024)]);
  const b64 = jpeg.toString('base64').replace(/(.{72})/g, '$1\r\n ');
  return card({ uid, fn }).replace('END:VCARD', `PHOTO;ENCODING=b;TYPE=JPEG:${b64}\r\nEND:VCARD`);
}

beforeAll(async () => {
  radicale = await startRadicale();
  sim = await startICloudSimulator({ backend: radicale });
  const sources = defaultSourceFactories({});
  sources.icloud = (account, _secret, { db }) => ({
    source: accountCardDavSource({
      groupsMode: account.settings.groupsMode,
      url: sim.addressBookUrl,
      username: sim.appleId,
      password: sim.password,
      icloud: true,
      trustedHosts: [sim.partitionHost],
      images,
      onWarning: (_id, message) => warnings.push(message),
      stored: () => new Map(listRecords(db, account.id).map((r) => [r.remoteId, { etag: r.etag ?? '', payload: r.raw }])),
    }),
    codec: vcardCodec({ version: '3.0', db }),
  });
  t = startTestEngine({ sources });
  const book = await radicale.createAddressBook('photos');
  const put = async (name: string, body: string) => {
    const r = await fetch(new URL(name, book), { method: 'PUT', headers: { 'Content-Type': 'text/vcard; charset=utf-8', 'If-None-Match': '*', Authorization: basicAuth(radicale) }, body });
    await r.text();
    expect(r.status).toBeLessThan(300);
  };
  await put('p-ann.vcf', bigPhotoCard('p-ann', 'Ann Photo', 300));
  await put('p-long.vcf', card({ uid: 'p-long', fn: 'Long Notes', note: 'x'.repeat(300 * 1024) }));
  await put('p-small.vcf', card({ uid: 'p-small', fn: 'Small Sam' }));
  await t.client.call('accounts.add', { kind: 'carddav', name: 'Radicale', url: book, username: radicale.username, secret: radicale.password });
  await t.client.call('accounts.add', { kind: 'icloud', name: 'iCloud', url: sim.url, username: sim.appleId, secret: sim.password });
}, 60_000);

afterAll(async () => {
  t?.close();
  await sim?.stop();
  await radicale?.stop();
});

describe('iCloud photo and card limits', () => {
  it('sends a reduced photo, reports the too-large card clearly, and goes on with the rest', async () => {
    const run = await t.client.call('sync.run', {});
    const icloud = run.accounts.find((a) => a.name === 'iCloud')!;
    expect(icloud.remoteCreated).toBe(2);
    expect(icloud.errors).toHaveLength(1);
    expect(icloud.errors[0]).toMatchObject({ code: 'rejected' });
    expect(icloud.errors[0]!.message).toMatch(/too large for iCloud \(\d+ KB; limit 256 KB\): remove the photo or shorten the notes/);
    expect(warnings.join('\n')).toMatch(/over iCloud's 224 KB limit: iCloud got a smaller copy/);
    // The person sees it in the run's report, said of the contact.
    expect(icloud.notes.join('\n')).toMatch(/^Ann Photo: .*over iCloud's 224 KB limit/m);
    const puts = sim.requests.filter((r) => r.method === 'PUT' && r.status < 300);
    expect(puts).toHaveLength(2);
  });

  it('the next syncs write nothing and the hub keeps the original photo', async () => {
    const ann = (await t.client.call('contacts.list', { query: 'Ann Photo' })).items[0]!;
    const before = (await t.client.call('contacts.get', { id: ann.id })).fields.photo;
    expect(before?.hash).toBeTruthy();
    const putsBefore = sim.requests.filter((r) => r.method === 'PUT').length;
    for (let i = 0; i < 2; i++) {
      const run = await t.client.call('sync.run', {});
      const icloud = run.accounts.find((a) => a.name === 'iCloud')!;
      expect(icloud).toMatchObject({ remoteCreated: 0, remoteUpdated: 0, hubUpdated: 0 });
      expect(run.accounts.find((a) => a.name === 'Radicale')).toMatchObject({ remoteUpdated: 0, hubUpdated: 0 });
    }
    // Only the too-large card is tried again (and refused before any request): no PUT reached iCloud.
    expect(sim.requests.filter((r) => r.method === 'PUT').length).toBe(putsBefore);
    expect((await t.client.call('contacts.get', { id: ann.id })).fields.photo).toEqual(before);
  });
});
