/**
 * The school directory as real data: loaded from OBEC's file, kept by every list import, and read
 * through a grid so routing a community report never scans the country's schools.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distanceKm } from '@panong/shared';
import type { Store } from '../../functions/src/ports/store';
import { nationalSchools, toCsv, type NationalSchool } from '../../functions/src/dev/nationalList';
import { importRows } from '../../functions/src/stories/lists/importList';
import { importSchools, nearestSchool } from '../../functions/src/stories/lists/schools';
import type { School } from '../../functions/src/core/documents';
import { dashboardFor } from '../../functions/src/stories/reports/dashboard';
import { onFirestore, openTestStore } from '../helpers/stores';

const dirRow = (s: NationalSchool) => ({
  school_code: s.code,
  school_name: s.name,
  area_code: s.areaCode,
  province: s.province,
  district: s.district,
  subdistrict: s.subdistrict,
  latitude: String(s.lat),
  longitude: String(s.lng),
});

let store: Store;
beforeEach(async () => (store = await openTestStore()));
afterEach(() => store.close());

describe('school directory', () => {
  it('loads Thai or English headers with per-row errors for bad codes and coordinates; a re-run updates', async () => {
    const [a, b] = nationalSchools(2);
    const thai = [
      {
        รหัสโรงเรียน: a!.code,
        ชื่อโรงเรียน: a!.name,
        รหัสเขตพื้นที่: a!.areaCode,
        จังหวัด: a!.province,
        ละติจูด: '๑๓.๗๕',
        ลองจิจูด: '100.5',
      },
      { รหัสโรงเรียน: '12345', ชื่อโรงเรียน: 'สั้นไป', รหัสเขตพื้นที่: '2001', ละติจูด: '13', ลองจิจูด: '100' },
      { รหัสโรงเรียน: b!.code, ชื่อโรงเรียน: b!.name, รหัสเขตพื้นที่: b!.areaCode, ละติจูด: '100.5', ลองจิจูด: '13.75' },
      { รหัสโรงเรียน: '1099999999', ชื่อโรงเรียน: 'นอกประเทศ', รหัสเขตพื้นที่: '2001', ละติจูด: '35.6', ลองจิจูด: '139.7' },
    ];
    const first = await importSchools(store, thai);
    expect(first).toMatchObject({ rows: 4, created: 1 });
    expect(first.errors).toEqual([
      { row: 3, message: 'รหัสโรงเรียนต้องเป็นตัวเลข 8 หรือ 10 หลัก' },
      { row: 4, message: 'ละติจูดและลองจิจูดสลับกัน' },
      { row: 5, message: 'พิกัดอยู่นอกประเทศไทย' },
    ]);
    expect(await store.get<School>(`schools/${a!.code}`)).toMatchObject({ lat: 13.75, lng: 100.5, hasCoords: true });
    const again = await importSchools(store, [{ ...dirRow(a!), latitude: '13.9', longitude: '100.6' }]);
    expect(again).toMatchObject({ created: 0, updated: 1, errors: [] });
    expect(await store.count('schools')).toBe(1);
    expect((await nearestSchool(store, { lat: 13.9, lng: 100.6 })).school?.code).toBe(a!.code);
    // moved out of its old cell
    expect((await nearestSchool(store, { lat: 13.75, lng: 100.5 })).school?.km).toBeGreaterThan(15);
  });

  it(
    'routes to the nearest school like a brute-force ' + 'search over 30,000, reading at most 49 grid documents',
    async () => {
      const schools = nationalSchools(onFirestore ? 3_000 : 30_000);
      await importSchools(store, schools.map(dirRow));
      let maxReads = 0;
      let within = 0;
      for (let i = 0; i < (onFirestore ? 40 : 150); i++) {
        const at = { lat: 6 + ((i * 7919) % 1400) / 100, lng: 98 + ((i * 104729) % 700) / 100 };
        const { school, reads } = await nearestSchool(store, at);
        maxReads = Math.max(maxReads, reads);
        let best: NationalSchool | undefined;
        let bestKm = Infinity;
        for (const s of schools) {
          const km = distanceKm(at, s);
          if (km < bestKm) [best, bestKm] = [s, km];
        }
        expect([at, school?.code]).toEqual([at, bestKm <= 30 ? best!.code : undefined]);
        if (school) within++;
      }
      expect(within).toBeGreaterThan(onFirestore ? 5 : 20);
      expect(maxReads).toBeLessThanOrEqual(49);
    },
  );

  it(
    'a list import adds the schools it names without coordinates ' +
      'and never overwrites the directory; the dashboard counts them',
    async () => {
      const [known] = nationalSchools(1);
      await importSchools(store, [dirRow(known!)]);
      const row = (id: string, school: string, name: string) => ({
        national_id: id,
        first_name: 'สมชาย',
        last_name: 'ใจดี',
        school_code: school,
        school_name: name,
        area_code: known!.areaCode,
        area_name: 'สพป.ทดสอบ',
      });
      await importRows({ store, clock: () => new Date(), newId: () => Math.random().toString(36).slice(2) }, [
        row('1101700230708', known!.code, 'ชื่อในรายชื่อเด็ก'),
        row('1101700230716', '77770001', 'โรงเรียนใหม่'),
        row('1234567890121', '77770002', 'โรงเรียนใหม่ 2'),
      ]);
      expect(await store.get<School>(`schools/${known!.code}`)).toMatchObject({
        lat: known!.lat,
        lng: known!.lng,
        name: known!.name,
      });
      expect(await store.get<School>('schools/77770001')).toMatchObject({
        name: 'โรงเรียนใหม่',
        area: known!.areaCode,
        hasCoords: false,
      });
      const coordinator = {
        id: 'Uarea',
        role: 'area_coordinator' as const,
        areaCode: known!.areaCode,
        registeredAt: '',
      };
      expect((await dashboardFor(store, coordinator)).schoolsWithoutCoords).toBe(2);
      await importSchools(store, [
        {
          school_code: '77770001',
          school_name: 'โรงเรียนใหม่',
          area_code: known!.areaCode,
          latitude: '14.1',
          longitude: '100.9',
        },
      ]);
      expect((await dashboardFor(store, coordinator)).schoolsWithoutCoords).toBe(1);
      expect((await nearestSchool(store, { lat: 14.1, lng: 100.9 })).school?.code).toBe('77770001');
    },
  );
});

if (!onFirestore) {
  it('runs as `npm run schools` with Thai row errors and counts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-schools-'));
    const file = path.join(dir, 'schools.csv');
    const rows = nationalSchools(5).map(dirRow);
    rows[2]!.latitude = '200';
    fs.writeFileSync(file, toCsv(rows as never, Object.keys(rows[0]!)));
    const out = execFileSync(process.execPath, [path.resolve(__dirname, '../../functions/lib/cli/schools.js'), file], {
      env: { ...process.env, DATA_DIR: dir, STORE: 'embedded' },
      encoding: 'utf8',
    });
    expect(out).toContain('แถว 4: พิกัดอยู่นอกประเทศไทย');
    expect(out).toMatch(/อ่าน 5 แถว: เพิ่มใหม่ 4 ปรับปรุง 0 ผิดพลาด 1/);
  });
}
