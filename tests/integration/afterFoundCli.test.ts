import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedStore } from '../../functions/src/adapters/embedded/embeddedStore';
import { DEMO_USERS, seedDemo, seedDemoReferrals } from '../../functions/src/dev/demoData';
import { FakeLine } from '../../functions/src/dev/fakeLine';
import { recordCheckIn } from '../../functions/src/stories/fieldWork/checkIn';

/** The contract's commands as other tests drive them: separate processes on an embedded DATA_DIR, LINE on a fake. */
const run = promisify(execFile);
const lib = path.resolve('functions/lib/cli');
let dir: string;
let fake: FakeLine;
let origin: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-cli-'));
  const store = new EmbeddedStore(path.join(dir, 'data'));
  await seedDemo(store);
  await seedDemoReferrals(store);
  await store.close();
  fake = new FakeLine('cli-access-token');
  origin = await fake.listen();
  env = {
    ...process.env,
    STORE: 'embedded',
    DATA_DIR: path.join(dir, 'data'),
    LINE_API_ORIGIN: origin,
    LINE_CHANNEL_ACCESS_TOKEN: 'cli-access-token',
    LIFF_ID: '1650000000-cli',
    FIRESTORE_EMULATOR_HOST: '',
  };
});
afterAll(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (name: string, ...args: string[]) =>
  run(process.execPath, [path.join(lib, `${name}.js`), ...args], { env, encoding: 'utf8' });

describe('after-found and LINE set-up commands', () => {
  it(
    'npm run partners loads a Thai file with per-row ' + 'errors; invite --role agency --partner prints a code',
    async () => {
      const file = path.join(dir, 'partners.csv');
      fs.writeFileSync(
        file,
        '\ufeffรหัสหน่วยงาน,ชื่อหน่วยงาน,จังหวัด,ประเภท,สาเหตุที่รับ,ติดต่อ,เขตพื้นที่\n' +
          'cr-pdhs,พมจ.เชียงราย,เชียงราย,msdhs,poverty;family,053-000-000,5701\n' +
          'cr-x,ไม่มีประเภท,เชียงราย,,poverty,,\n',
      );
      const out = (await cli('partners', file)).stdout;
      expect(out).toContain('แถว 3');
      expect(out).toMatch(/เพิ่มใหม่ 1 ปรับปรุง 0 ผิดพลาด 1/);
      const invite = (await cli('invite', '--role', 'agency', '--partner', 'cr-pdhs')).stdout.trim().split('\n');
      expect(invite.at(-1)).toMatch(/^[A-Z2-9]{8}$/);
      const refused = await cli('invite', '--role', 'agency', '--partner', 'nope').catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect((refused as { code: number }).code).not.toBe(0);
      expect((refused as { stderr: string }).stderr).toContain('ไม่พบหน่วยงานรหัส nope');
    },
  );

  it('npm run remind -- referrals sends each partner user one digest, once', async () => {
    const date = new Date().toISOString().slice(0, 10);
    expect((await cli('remind', 'referrals', '--date', date)).stdout).toContain('ผู้รับ 2 คน ส่งแล้ว 2');
    expect((await cli('remind', 'referrals', '--date', date)).stdout).toContain('ส่งไปแล้วก่อนหน้านี้');
    for (const tail of ['demo07', 'demo08'])
      expect(fake.sent.filter((s) => s.to.includes(DEMO_USERS.find((u) => u.id.endsWith(tail))!.id))).toHaveLength(1);
  });

  it('npm run terms sets an area calendar that its end-of-term follow-ups use', async () => {
    expect((await cli('terms', '--area', '5001', '--ends', '2027-03-12,2026-10-02')).stdout).toContain(
      'สิ้นภาคเรียน 2026-10-02, 2027-03-12',
    );
    const bad = await cli('terms', '--area', '5001', '--ends', '2026-13-40').catch((e: { stderr: string }) => e);
    expect((bad as { stderr: string }).stderr).toContain('YYYY-MM-DD');
    const store = new EmbeddedStore(path.join(dir, 'data'));
    try {
      const teacher = DEMO_USERS.find((u) => u.id.endsWith('demo06'))!;
      const kid = (
        await store.query<{ status: string }>('children', { where: [['schoolCode', '==', teacher.schoolCode!]] })
      ).find((c) => c.data.status === 'not_tracked')!;
      const deps = { store, clock: () => new Date('2026-06-01T03:00:00.000Z') };
      await recordCheckIn(deps, teacher, kid.id, {
        idempotencyKey: 'k-terms-found-000001',
        outcome: { status: 'found' },
      });
      await recordCheckIn(deps, teacher, kid.id, {
        idempotencyKey: 'k-terms-return-00001',
        outcome: { status: 'returned', destination: 'school' },
      });
      const dues = (
        await store.query<{ due: string; stage: string }>('followups', { where: [['childId', '==', kid.id]] })
      )
        .map((f) => f.data.due)
        .sort();
      expect(dues).toEqual(['2026-06-15', '2026-07-01', '2026-10-02']);
    } finally {
      await store.close();
    }
  });

  it(
    'npm run line:setup sets the webhook (tested), the ' + 'menus and the default; a second run changes nothing',
    async () => {
      const app = http.createServer((req, res) => res.writeHead(req.url === '/webhook' ? 200 : 404).end());
      await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
      const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
      try {
        const first = (await cli('lineSetup', '--base-url', base)).stdout;
        expect(first).toContain(`webhook ${base}/webhook: ทดสอบผ่าน`);
        expect(first).toContain('เมนูใหม่ 6');
        expect(fake.richMenus.menus.size).toBe(6);
        const second = (await cli('lineSetup', '--base-url', base)).stdout;
        expect(second).toContain('เมนูใหม่ 0 ใช้ของเดิม 6 ลบของเก่า 0');
        const noHttps = await cli('lineSetup', '--base-url', 'ftp://x').catch((e: { stderr: string }) => e);
        expect((noHttps as { stderr: string }).stderr).toMatch(/base-url|https/);
      } finally {
        app.close();
      }
    },
  );
});
