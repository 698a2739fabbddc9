import type { CasePlan, Child } from '@panong/shared';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import { useLocalStackAndBrowser } from '../helpers/browser';

const TEACHER = DEMO_USERS[1]!;
const env = useLocalStackAndBrowser();

describe('case plan on the LIFF check-in page in headless Chromium', () => {
  it('opens once the child is found, refuses a plan without a cause in Thai, saves, and lists the due action', async () => {
    const child = (
      await env.stack().store.query<Child>('children', { where: [['schoolCode', '==', TEACHER.schoolCode!]] })
    )
      .map((c) => c.data)
      .find((c) => c.status === 'not_tracked')!;
    const page = await (await env.browser().newContext({ locale: 'th-TH' })).newPage();
    await page.goto(`${env.stack().url}/liff/checkin.html?child=${child.id}&as=${TEACHER.id}`);
    await page.getByText(`${child.firstName} ${child.lastName}`).waitFor();
    expect(await page.locator('#plan').isHidden()).toBe(true);
    await page.selectOption('#status', 'found');
    await page.click('#submit');
    await page.getByText('บันทึกแล้ว: พบตัว').waitFor();
    await page.locator('#planSave').waitFor();

    await page.fill('#planProblem', 'ต้องดูแลน้อง ไม่มีค่าเดินทาง');
    await page.click('#planAdd');
    const yesterday = new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    await page.fill('#planActions li .what', 'ขอทุนค่าเดินทางจาก อบต.');
    await page.fill('#planActions li .due', yesterday);
    await page.click('#planSave');
    await page.locator('#planResult .error').waitFor();
    expect(await page.locator('#planResult').innerText()).toContain('กรุณาเลือกสาเหตุ');
    expect(await env.stack().store.get(`plans/${child.id}`)).toBeUndefined();

    await page.check('#cause-poverty');
    await page.click('#planSave');
    await page.getByText('บันทึกแผนแล้ว').waitFor();
    const stored = await env.stack().store.get<CasePlan>(`plans/${child.id}`);
    expect(stored).toMatchObject({ causes: ['poverty'], nextDue: yesterday, updatedBy: TEACHER.id });

    await page.goto(`${env.stack().url}/liff/mycases.html?as=${TEACHER.id}`);
    const due = page.locator(`#plans li[data-plan="${child.id}"]`);
    await due.waitFor();
    expect(await due.innerText()).toContain('เกินกำหนด');
    expect(await due.innerText()).toContain('ขอทุนค่าเดินทางจาก อบต.');
    await page.close();
  });
});
