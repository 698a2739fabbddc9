import { DEMO_GUEST, DEMO_USERS } from '../../functions/src/dev/demoData';
import type { Child } from '@panong/shared';
import { useLocalStackAndBrowser } from '../helpers/browser';

const env = useLocalStackAndBrowser();

describe('LINE chat simulator at /dev', () => {
  it('searches as the volunteer, renders the Flex card, opens the check-in page as that user', async () => {
    const volunteer = DEMO_USERS[0]!;
    const child = (
      await env
        .stack()
        .store.query<Child>('children', { where: [['assigneeIds', 'array-contains', volunteer.id]], limit: 1 })
    )[0]!.data;
    const context = await env.browser().newContext();
    const page = await context.newPage();
    await page.goto(`${env.stack().url}/dev`);
    await page.waitForSelector(`#user option[value="${volunteer.id}"]`, { state: 'attached' });
    await page.selectOption('#user', volunteer.id);
    await page.fill('#text', child.nationalId);
    await page.press('#text', 'Enter');
    const card = page.locator('.bubble').first();
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain(`${child.firstName} ${child.lastName}`);
    expect(text).toContain('ยังไม่ได้ติดตาม');
    expect(text).not.toContain(child.nationalId);

    const [liff] = await Promise.all([context.waitForEvent('page'), card.getByText('บันทึกการติดตาม').click()]);
    await liff.getByText(`${child.firstName} ${child.lastName}`).waitFor();
    expect(liff.url()).toContain(`/liff/checkin.html?child=${child.id}`);
    await context.close();
  });

  it('sends a location after choosing the child, and the bot confirms it', async () => {
    const volunteer = DEMO_USERS[0]!;
    const child = (
      await env
        .stack()
        .store.query<Child>('children', { where: [['assigneeIds', 'array-contains', volunteer.id]], limit: 1 })
    )[0]!.data;
    const page = await env.browser().newPage();
    await page.goto(`${env.stack().url}/dev`);
    await page.waitForSelector(`#user option[value="${volunteer.id}"]`, { state: 'attached' });
    await page.selectOption('#user', volunteer.id);
    await page.fill('#text', child.firstName);
    await page.press('#text', 'Enter');
    await page.locator('.bubble').first().waitFor();
    await page
      .locator('.bubble', { hasText: `${child.firstName} ${child.lastName}` })
      .first()
      .getByText('ส่งตำแหน่ง')
      .click();
    await page.locator('#quick button', { hasText: 'ส่งตำแหน่ง' }).click();
    await page.getByText(`บันทึกตำแหน่งของ ${child.firstName}`, { exact: false }).first().waitFor();
    const updated = await env.stack().store.get<Child>(`children/${child.id}`);
    expect(updated?.lastCheckIn).toMatchObject({ lat: 13.7563, lng: 100.5018, by: volunteer.id });
    await page.close();
  });

  it(
    "shows each role's rich menu, whose buttons act: a volunteer's " +
      "search, an area coordinator's tabs, a follower's menu",
    async () => {
      const [volunteer, , , area] = DEMO_USERS;
      const page = await env.browser().newPage();
      await page.goto(`${env.stack().url}/dev`);
      await page.waitForSelector(`#user option[value="${volunteer!.id}"]`, { state: 'attached' });
      await page.selectOption('#user', volunteer!.id);
      await expectAreas(page, ['ค้นหาเด็ก', 'งานของฉัน', 'ส่งตำแหน่ง', 'ติดตามหลังกลับ', 'แจ้งพบเด็ก', 'วิธีใช้']);
      expect(await page.locator('.richmenu-area[aria-label="แดชบอร์ด"]').count()).toBe(0); // not for volunteers
      await page.click('.richmenu-area[aria-label="ค้นหาเด็ก"]');
      await page.locator('.msg.bot', { hasText: 'พิมพ์ชื่อ' }).first().waitFor();

      await page.selectOption('#user', area!.id);
      await expectAreas(page, [
        'งานติดตาม',
        'จัดการข้อมูล',
        'ค้นหาเด็ก',
        'แดชบอร์ด',
        'มอบหมายงาน',
        'คัดกรองแจ้งพบ',
        'เรื่องส่งต่อ',
        'งานของฉัน',
      ]);
      const firstTab = await page.locator('.richmenu-image').getAttribute('src');
      await page.click('.richmenu-area[aria-label="จัดการข้อมูล"]');
      await page.locator('.richmenu-area[aria-label="หน่วยงานภาคี"]').waitFor();
      expect(await page.locator('.richmenu-image').getAttribute('src')).not.toBe(firstTab);

      await page.selectOption('#user', DEMO_GUEST.id);
      await expectAreas(page, ['แจ้งพบเด็ก', 'ลงทะเบียน', 'สถานการณ์']);
      const image = await page
        .locator('.richmenu-image')
        .evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
      expect(image).toEqual([2500, 843]);
      await page.close();
    },
  );
});

describe('demo data for the partner users', () => {
  it('gives each demo partner user a child of its own to find in chat', async () => {
    for (const tail of ['demo07', 'demo08']) {
      const agency = DEMO_USERS.find((u) => u.id.endsWith(tail))!;
      const [mine] = (
        await env.stack().store.query<Child>('children', { where: [['partnerId', '==', agency.partnerId!]] })
      ).map((c) => c.data);
      expect(mine).toBeDefined();
      const page = await env.browser().newPage();
      await page.goto(`${env.stack().url}/dev`);
      await page.waitForSelector(`#user option[value="${agency.id}"]`, { state: 'attached' });
      await page.selectOption('#user', agency.id);
      await page.fill('#text', `${mine!.firstName} ${mine!.lastName}`);
      await page.press('#text', 'Enter');
      await page
        .locator('.bubble', { hasText: `${mine!.firstName} ${mine!.lastName}` })
        .first()
        .waitFor();
      await page.close();
    }
  });
});

async function expectAreas(page: import('playwright-core').Page, labels: string[]): Promise<void> {
  await page.locator(`.richmenu-area[aria-label="${labels[0]}"]`).waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('.richmenu-area').length === n, labels.length);
  expect(
    await page.locator('.richmenu-area').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
  ).toEqual(labels);
}
