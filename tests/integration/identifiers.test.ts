/**
 * Children without civil registration carry a Ministry G-code instead of a national ID: the list
 * takes either, chat finds either, and only the last 4 characters are ever shown.
 */
import type { Child } from '@panong/shared';
import { syntheticChildren } from '../../functions/src/dev/demoData';
import { textEvent } from '../../functions/src/dev/webhookEvents';
import { importRows } from '../../functions/src/stories/lists/importList';
import { everythingSent, harness, TEACHER, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(() => h.close());

/** Rows of the teacher's school (10010001, demo data) as the list file's English headers name them. */
function rows(ids: string[]) {
  return syntheticChildren(ids.length, 91).map((c, i) => ({
    national_id: ids[i],
    first_name: ['ซอหล่า', 'หน่อคำ', 'นางมิ้นท์', 'จายแสง', 'ปิยะ', 'มะลิ'][i] ?? c.firstName,
    last_name: 'ไทยใหญ่',
    school_code: '10010001',
    school_name: 'โรงเรียนวัดสุทธิวราราม',
    area_code: '1001',
    area_name: 'สพป.กรุงเทพมหานคร',
    guardian_phone: c.guardianPhone,
  }));
}
const deps = () => ({
  store: h.store,
  clock: () => new Date(),
  newId: () => `r${Math.random().toString(36).slice(2, 12)}`,
});
const byCode = async (code: string) =>
  (await h.store.query<Child>('children', { where: [['nationalId', '==', code]] })).map((c) => c.data);

describe('G-codes beside national IDs', () => {
  const nationalId = syntheticChildren(1, 92)[0]!.nationalId;
  const list = [nationalId, 'g-6442-0000-0001', 'G๖๔๔๒๐๐๐๐๐๐๐๒', 'G12345', 'G6442000000031', '1234567890123'];

  it('imports both kinds, one case per G-code on a re-import, with a Thai error for each bad row', async () => {
    const first = await importRows(deps(), rows(list));
    expect(first.created).toBe(3);
    expect(first.errors).toEqual([
      { row: 5, message: 'รหัส G ไม่ถูกต้อง (ตัว G ตามด้วยตัวเลข 12 หลัก)' },
      { row: 6, message: 'รหัส G ไม่ถูกต้อง (ตัว G ตามด้วยตัวเลข 12 หลัก)' },
      { row: 7, message: 'เลขประจำตัวประชาชนไม่ถูกต้อง (13 หลักและเลขตรวจสอบ)' },
    ]);
    expect((await byCode('G644200000001')).map((c) => c.firstName)).toEqual(['หน่อคำ']);
    expect((await byCode('G644200000002')).map((c) => c.firstName)).toEqual(['นางมิ้นท์']);
    const again = await importRows(deps(), rows(list));
    expect([again.created, again.unchanged]).toEqual([0, 3]);
    expect(await byCode('G644200000001')).toHaveLength(1);
  });

  it('finds a G-code child in chat as typed (either case, Thai digits), shown by its last 4 only', async () => {
    await importRows(deps(), rows(list));
    for (const typed of ['g644200000001', 'G ๖๔๔๒ ๐๐๐๐ ๐๐๐๑']) {
      h.fake.reset();
      await h
        .webhook([textEvent({ userId: TEACHER, text: typed, replyToken: h.fake.issueReplyToken(TEACHER) })])
        .expect(200);
      const sent = everythingSent(h.fake);
      expect(sent).toContain('หน่อคำ');
      expect(sent).toContain('Gxxxxxxxx0001');
      expect(sent).not.toMatch(/G?644200000001/);
    }
  });
});
