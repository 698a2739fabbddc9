/**
 * One contract for every Store adapter: the embedded store (memory, DATA_DIR, and reached from
 * another process's RemoteStore) in the jest project "embedded", the Firestore adapter on the
 * official Cloud Firestore emulator in the project "firestore".
 */
import express from 'express';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DataDirInUseError } from '../../functions/src/adapters/embedded/dataDirLog';
import { EmbeddedStore } from '../../functions/src/adapters/embedded/embeddedStore';
import { RemoteStore } from '../../functions/src/adapters/embedded/remoteStore';
import { storeEndpoint } from '../../functions/src/adapters/embedded/storeEndpoint';
import { STORE_PATH } from '../../functions/src/adapters/embedded/storeWire';
import { increment, type Store, StoreBusyError } from '../../functions/src/ports/store';
import { onFirestore, openTestStore } from '../helpers/stores';

type Factory = { name: string; open(): Promise<Store> };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-store-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const factories: Factory[] = onFirestore
  ? // ad-hoc test collections
    [{ name: 'firestore (official emulator)', open: () => openTestStore({ checkIndexes: false }) }]
  : [
      { name: 'embedded (memory)', open: async () => new EmbeddedStore() },
      { name: 'embedded (DATA_DIR)', open: async () => new EmbeddedStore(fs.mkdtempSync(path.join(tmp, 'd'))) },
      { name: 'embedded (through its owner, RemoteStore)', open: async () => (await servedStore()).remote },
    ];

/** An embedded store owning a DATA_DIR and serving its endpoint on loopback, and a RemoteStore to it. */
async function servedStore(dir = fs.mkdtempSync(path.join(tmp, 'r'))) {
  const owner = new EmbeddedStore(dir);
  const app = express().use(STORE_PATH, storeEndpoint(owner, 'test-token'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  owner.advertise(url, 'test-token');
  const remote = new RemoteStore(url, 'test-token');
  remote.close = async () => {
    await new Promise((r) => server.close(r));
    await owner.close();
  };
  return { owner, remote, url };
}

describe.each(factories)('Store contract: $name', (factory) => {
  let store: Store;
  let ns: string;
  beforeEach(async () => {
    store = await factory.open();
    ns = `t${Math.random().toString(36).slice(2, 8)}`;
  });
  afterEach(() => store.close());
  const c = (name: string) => `${ns}_${name}`; // each test has its own collections

  it('gets what was set, merges and updates fields', async () => {
    await store.batch([{ kind: 'set', path: `${c('kids')}/a`, data: { name: 'สมชาย', n: 1, tags: ['x'] } }]);
    expect(await store.get(`${c('kids')}/a`)).toEqual({ name: 'สมชาย', n: 1, tags: ['x'] });
    await store.batch([{ kind: 'set', path: `${c('kids')}/a`, data: { n: 2 }, merge: true }]);
    expect(await store.get(`${c('kids')}/a`)).toEqual({ name: 'สมชาย', n: 2, tags: ['x'] });
    await store.batch([{ kind: 'update', path: `${c('kids')}/a`, data: { n: increment(5) } }]);
    expect(await store.get(`${c('kids')}/a`)).toMatchObject({ n: 7 });
    expect(await store.get(`${c('kids')}/missing`)).toBeUndefined();
  });

  it('queries with ==, array-contains and in, ordered and limited, and counts', async () => {
    const docs = [
      { id: 'a', school: 's1', keys: ['สม', 'สมชาย'], at: 3 },
      { id: 'b', school: 's1', keys: ['มา', 'มาลี'], at: 1 },
      { id: 'c', school: 's2', keys: ['สม', 'สมศรี'], at: 2 },
    ];
    await store.batch(docs.map((d) => ({ kind: 'set' as const, path: `${c('kids')}/${d.id}`, data: d })));
    const ids = async (q: Parameters<Store['query']>[1]) => (await store.query(c('kids'), q)).map((s) => s.id);
    expect(await ids({ where: [['keys', 'array-contains', 'สม']] })).toEqual(['a', 'c']);
    expect(
      await ids({
        where: [
          ['keys', 'array-contains', 'สม'],
          ['school', '==', 's1'],
        ],
      }),
    ).toEqual(['a']);
    expect(await ids({ where: [['school', 'in', ['s2', 's9']]] })).toEqual(['c']);
    expect(await ids({ orderBy: { field: 'at', dir: 'desc' }, limit: 2 })).toEqual(['a', 'c']);
    expect(await store.count(c('kids'), [['school', '==', 's1']])).toBe(2);
    expect(await store.count(c('kids'))).toBe(3);
  });

  it('queries subcollections by path', async () => {
    await store.batch([
      { kind: 'create', path: `${c('kids')}/a/events/e1`, data: { at: '2026-01-01' } },
      { kind: 'create', path: `${c('kids')}/a/events/e2`, data: { at: '2026-01-02' } },
      { kind: 'create', path: `${c('kids')}/b/events/e3`, data: { at: '2026-01-03' } },
    ]);
    const evs = await store.query(`${c('kids')}/a/events`, { orderBy: { field: 'at', dir: 'desc' } });
    expect(evs.map((e) => e.id)).toEqual(['e2', 'e1']);
  });

  it('commits a transaction atomically, with increments on new and existing documents', async () => {
    await store.transaction(async (tx) => {
      const missing = await tx.get(`${c('stats')}/x`);
      expect(missing).toBeUndefined();
      tx.set(`${c('stats')}/x`, { found: increment(1), not_tracked: increment(-1) }, { merge: true });
      tx.create(`${c('ev')}/1`, { ok: true });
    });
    expect(await store.get(`${c('stats')}/x`)).toEqual({ found: 1, not_tracked: -1 });
  });

  it('rolls back everything when create hits an existing document', async () => {
    await store.batch([{ kind: 'create', path: `${c('ev')}/1`, data: { v: 1 } }]);
    await expect(
      store.transaction(async (tx) => {
        tx.set(`${c('kids')}/a`, { touched: true });
        tx.create(`${c('ev')}/1`, { v: 2 });
      }),
    ).rejects.toThrow();
    expect(await store.get(`${c('kids')}/a`)).toBeUndefined();
    expect(await store.get(`${c('ev')}/1`)).toEqual({ v: 1 });
  });

  it(
    'keeps counters exact under 20 concurrent transactional increments ' +
      '(a refusal as busy writes nothing; retried like the app does)',
    async () => {
      let busy = 0;
      const bump = async (): Promise<void> => {
        try {
          await store.transaction(async (tx) => {
            const cur = await tx.get<{ n?: number }>(`${c('stats')}/y`);
            tx.set(`${c('stats')}/y`, { n: (cur?.n ?? 0) + 1 });
          });
        } catch (err) {
          if (!(err instanceof StoreBusyError)) throw err;
          busy++; // Firestore's ABORTED after its own retries: the API answers 503 and the page retries
          return bump();
        }
      };
      await Promise.all(Array.from({ length: 20 }, bump));
      expect(await store.get(`${c('stats')}/y`)).toEqual({ n: 20 });
      expect(busy).toBeLessThan(20);
    },
  );

  it('leaves out undefined at any depth (Firestore rejects it, e.g. a pin without GPS accuracy)', async () => {
    const pin = { lat: 13.7, lng: 100.5, accuracy: undefined, at: '2026-11-26' };
    await store.batch([{ kind: 'set', path: `${c('kids')}/a`, data: { pin, note: undefined } }]);
    await store.transaction(async (tx) => tx.update(`${c('kids')}/a`, { last: { ...pin, by: 'u1' } }));
    expect(await store.get(`${c('kids')}/a`)).toEqual({
      pin: { lat: 13.7, lng: 100.5, at: '2026-11-26' },
      last: { lat: 13.7, lng: 100.5, at: '2026-11-26', by: 'u1' },
    });
  });

  it('deletes', async () => {
    await store.batch([{ kind: 'set', path: `${c('kids')}/a`, data: { v: 1 } }]);
    await store.batch([{ kind: 'delete', path: `${c('kids')}/a` }]);
    expect(await store.get(`${c('kids')}/a`)).toBeUndefined();
  });
});

if (!onFirestore)
  describe('embedded store durability', () => {
    it('survives a restart and a compaction; one owner per DATA_DIR, others go through it', async () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'p'));
      const { owner, remote, url } = await servedStore(dir);
      await owner.batch([{ kind: 'set', path: 'kids/a', data: { n: 1 } }]);
      // A second opener is refused with the owner's address: a command then works through the owner.
      let refused: unknown;
      try {
        new EmbeddedStore(dir);
      } catch (err) {
        refused = err;
      }
      expect(refused).toBeInstanceOf(DataDirInUseError);
      expect((refused as DataDirInUseError).owner).toMatchObject({ pid: process.pid, url });
      const cli = new RemoteStore(url, 'test-token');
      expect(await cli.get('kids/a')).toEqual({ n: 1 });
      await cli.batch([{ kind: 'set', path: 'invites/X', data: { role: 'teacher' } }]);
      expect(await owner.get('invites/X')).toEqual({ role: 'teacher' });
      await owner.transaction(async (tx) => tx.update('kids/a', { n: increment(1) }));
      await remote.close();
      const reopened = new EmbeddedStore(dir);
      expect(await reopened.get('kids/a')).toEqual({ n: 2 });
      reopened.compact();
      await reopened.close();
      const afterCompact = new EmbeddedStore(dir);
      expect(await afterCompact.get('invites/X')).toEqual({ role: 'teacher' });
      expect(await afterCompact.count('kids')).toBe(1);
      await afterCompact.close();
    });

    it('loses no update when the owner and another process run read-modify-write transactions on one document', async () => {
      const { owner, remote } = await servedStore();
      const bump = async (s: Store) => {
        for (let i = 0; i < 40; i++)
          await s.transaction(async (tx) => {
            const d = await tx.get<{ n?: number }>('c/x');
            tx.set('c/x', { n: (d?.n ?? 0) + 1 });
          });
      };
      await Promise.all([bump(owner), bump(remote), bump(remote)]);
      expect(await owner.get('c/x')).toEqual({ n: 120 });
      await remote.close();
    });

    it('ignores a torn last line left by a crash, and the next commit starts clean', async () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'q'));
      const s = new EmbeddedStore(dir);
      await s.batch([{ kind: 'set', path: 'kids/a', data: { n: 1 } }]);
      await s.close();
      fs.appendFileSync(path.join(dir, 'wal.jsonl'), '[["kids/b",{"n":');
      const again = new EmbeddedStore(dir);
      expect(await again.get('kids/a')).toEqual({ n: 1 });
      expect(await again.get('kids/b')).toBeUndefined();
      await again.batch([{ kind: 'set', path: 'kids/c', data: { n: 3 } }]);
      await again.close();
      const third = new EmbeddedStore(dir);
      expect(await third.count('kids')).toBe(2);
      await third.close();
    });

    it('takes over a DATA_DIR whose owner was killed', async () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'k'));
      fs.writeFileSync(path.join(dir, 'lock'), JSON.stringify({ pid: 2 ** 22 + 12345, url: 'http://127.0.0.1:1' }));
      const s = new EmbeddedStore(dir);
      await s.batch([{ kind: 'set', path: 'kids/a', data: { n: 1 } }]);
      await s.close();
      expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
    });
  });
