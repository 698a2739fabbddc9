import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import { gazetteer } from '../../functions/src/core/gazetteer';
import { LIST_HEADERS, nationalListRows, nationalSchools, toCsv } from '../../functions/src/dev/nationalList';
import { PLACE_COLUMNS, withRealAddresses } from '../../functions/src/dev/realAddresses';
import { useLocalStackAndBrowser } from '../helpers/browser';

const ADMIN = DEMO_USERS[4]!.id;
const env = useLocalStackAndBrowser();

describe('LIFF import page in headless Chromium', () => {
  it(
    'parses in the browser, sends chunks with progress, survives ' +
      'a dropped connection, and lists row errors in Thai',
    async () => {
      const schools = nationalSchools();
      const real = withRealAddresses(nationalListRows(1_234, { seed: 5, schools }), await gazetteer(), schools);
      const rows = real.rows;
      rows[600]!.national_id = '1234567890123'; // bad checksum, in the second chunk
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panong-upload-')), 'รายชื่อ.csv');
      fs.writeFileSync(file, `\ufeff${toCsv(rows, [...LIST_HEADERS, 'registered_address', ...PLACE_COLUMNS])}`);

      const page = await (await env.browser().newContext({ locale: 'th-TH' })).newPage();
      let chunkPosts = 0;
      let dropped = 0;
      await page.route('**/api/admin/import/chunks', async (route) => {
        chunkPosts++;
        if (chunkPosts === 2 && dropped === 0) {
          dropped++;
          return route.abort('connectionreset'); // the village's signal drops mid-upload
        }
        return route.continue();
      });
      await page.goto(`${env.stack().url}/liff/import.html?as=${ADMIN}`);
      await page.setInputFiles('#file', file);
      await page.click('#submit');
      await page.getByText('นำเข้าเสร็จ', { exact: false }).waitFor({ timeout: 60_000 });
      const result = await page.locator('#result').innerText();
      expect(result).toContain('อ่าน 1234 แถว เพิ่มใหม่ 1233');
      expect(result).toContain('ผิดพลาด 1');
      expect(await page.locator('#errors li').allInnerTexts()).toEqual([
        'แถว 602: เลขประจำตัวประชาชนไม่ถูกต้อง (13 หลักและเลขตรวจสอบ)',
      ]);
      // Places: the ones the addresses tell, and a warning for each row they do not (still imported).
      const unplaced = rows.filter((r, i) => i !== 600 && real.expected.get(r.national_id!) === undefined).length;
      expect(unplaced).toBeGreaterThan(10);
      expect(result).toContain(`ระบุตำบลที่อยู่ได้ ${1233 - unplaced} จาก 1233 แถว`);
      expect(await page.locator('#warnings li').count()).toBe(unplaced);
      expect(await page.locator('#warnings li').first().innerText()).toMatch(/^แถว \d+ \(นำเข้าแล้ว ไม่ทราบตำบล\): /);
      expect(await page.locator('#progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([3, 3]);
      expect(dropped).toBe(1);
      expect(chunkPosts).toBe(4); // 3 chunks + the one resent after the drop
      const imported = await env
        .stack()
        .store.getMany(rows.filter((_, i) => i !== 600).map((r) => `nationalIds/${r.national_id}`));
      expect(imported.every(Boolean)).toBe(true);
    },
  );
});
