import type { Child } from '@panong/shared';
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import { useLocalStackAndBrowser } from '../helpers/browser';

const [TEACHER, PDHS, NFE] = ['demo06', 'demo07', 'demo08'].map(
  (tail) => DEMO_USERS.find((u) => u.id.endsWith(tail))!.id,
) as [string, string, string];
const env = useLocalStackAndBrowser();

async function open(path: string, as: string): Promise<Page> {
  const page = await (await env.browser().newContext({ locale: 'th-TH' })).newPage();
  await page.goto(`${env.stack().url}/liff/${path}${path.includes('?') ? '&' : '?'}as=${as}`);
  return page;
}

/** The teacher refers the child on the check-in page to the partner named `partner`, for `cause`. */
async function refer(childId: string, name: string, cause: string, partner: string): Promise<void> {
  const page = await open(`checkin.html?child=${childId}`, TEACHER);
  await page.getByText(name).waitFor();
  await page.selectOption('#status', 'referred');
  await page.selectOption('#cause', cause);
  await page.locator('#partner option', { hasText: partner }).first().waitFor({ state: 'attached' });
  const options = await page.locator('#partner option').allInnerTexts();
  expect(options.some((o) => o.includes('เชียงราย') || o.includes('กรุงเทพ'))).toBe(false); // only the child's province
  await page.selectOption('#partner', { label: options.find((o) => o.startsWith(partner))! });
  await page.click('#submit');
  await page.getByText('บันทึกแล้ว: ส่งต่อหน่วยงานภาคี', { exact: false }).waitFor();
  await page.context().close();
}

/** A partner's user opens its referrals page and takes `action` on the child's referral. */
async function answer(
  as: string,
  name: string,
  action: string,
  fill: (p: Page, id: string) => Promise<unknown> = async () => undefined,
): Promise<Page> {
  const page = await open('referrals.html', as);
  const item = page.locator('li[data-referral]', { hasText: name }).first();
  await item.waitFor();
  await item.getByRole('button', { name: action }).click();
  const id = (await item.getAttribute('data-referral'))!;
  await fill(page, id);
  await item.getByRole('button', { name: 'ยืนยัน' }).click();
  await page.getByText(`บันทึกแล้ว: ${name}`).waitFor();
  return page;
}

describe('the full referral chain in headless Chromium', () => {
  it(
    'teacher refers, partner declines with a reason, teacher refers ' +
      'again, the second partner accepts and closes as returned',
    async () => {
      const child = (
        await env.stack().store.query<Child>('children', { where: [['schoolCode', '==', '50010001']], limit: 1 })
      )[0]!.data;
      const name = `${child.firstName} ${child.lastName}`;
      const found = await open(`checkin.html?child=${child.id}`, TEACHER);
      await found.getByText(name).waitFor();
      await found.selectOption('#status', 'found');
      await found.click('#submit');
      await found.getByText('บันทึกแล้ว: พบตัว').waitFor();
      await found.context().close();

      await refer(child.id, name, 'poverty', 'สำนักงานพัฒนาสังคม');
      // The partner sees the child masked, without the guardian's phone, before accepting.
      const before = await open(`checkin.html?child=${child.id}`, PDHS);
      await before.getByText(name).waitFor();
      expect(await before.locator('#child').innerText()).not.toContain(child.nationalId);
      expect(await before.locator('a[href^="tel:"]').count()).toBe(0);
      expect(await before.locator('#form').isHidden()).toBe(true);
      await before.context().close();

      // A decline without a reason is refused in Thai; with one it goes back to the school.
      const refused = await open('referrals.html', PDHS);
      const item = refused.locator('li[data-referral]', { hasText: name }).first();
      await item.getByRole('button', { name: 'ปฏิเสธ' }).click();
      await item.getByRole('button', { name: 'ยืนยัน' }).click();
      await refused.getByText('กรุณาระบุเหตุผลที่ปฏิเสธ').waitFor();
      await refused.context().close();
      (await answer(PDHS, name, 'ปฏิเสธ', (p, id) => p.fill(`#reason-${id}`, 'เกินขอบเขตงานของหน่วยงาน')))
        .context()
        .close();
      expect(JSON.stringify(env.stack().fake.messagesTo(TEACHER))).toContain('ปฏิเสธการส่งต่อ');

      await refer(child.id, name, 'work', 'สำนักงานส่งเสริมการเรียนรู้');
      (await answer(NFE, name, 'รับเรื่อง')).context().close();
      const accepted = await open(`checkin.html?child=${child.id}`, NFE);
      await accepted.locator('a[href^="tel:"]').waitFor(); // the phone once accepted
      await accepted.context().close();
      const closed = await answer(NFE, name, 'ปิดเรื่อง', (p, id) => p.selectOption(`#outcome-${id}`, 'returned'));
      await closed.locator('li[data-referral][data-state="closed"]', { hasText: name }).waitFor();
      await closed.context().close();

      // The teacher sees the whole chain on the case, and the follow-ups in "my cases".
      const end = await open(`checkin.html?child=${child.id}`, TEACHER);
      await end.getByText(name).waitFor();
      expect(await end.locator('#childStatus').innerText()).toBe('กลับเข้าเรียนแล้ว');
      const history = await end.locator('#history').innerText();
      for (const step of [
        'ปฏิเสธ',
        'เหตุผล: เกินขอบเขตงานของหน่วยงาน',
        'รับเรื่อง',
        'ปิดเรื่อง',
        'สำนักงานส่งเสริมการเรียนรู้จังหวัดเชียงใหม่',
      ])
        expect(history).toContain(step);
      await end.click('#followupLink');
      await end.locator('input[name="attending"][value="yes"]').check();
      await end.fill('#daysAttended', '9');
      await end.selectOption('#group', 'at_risk');
      await end.click('#submit');
      await end.getByText('แจ้งผู้ประสานงานโรงเรียนให้ดูแลเป็นพิเศษ', { exact: false }).waitFor();
      expect(await env.stack().store.get<Child>(`children/${child.id}`)).toMatchObject({
        status: 'returned',
        screening: 'at_risk',
        flagged: true,
      });
      await end.context().close();
    },
  );
});
