import type { Child } from '@panong/shared';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import { useLocalStackAndBrowser } from '../helpers/browser';

const TEACHER = DEMO_USERS[1]!; // Bangkok, school 10010001
const CM_COORD = 'U00000000000000000000000cme2e001';
const env = useLocalStackAndBrowser();

describe('a child who moved, handed over through the LIFF pages in headless Chromium', () => {
  it('the teacher records the move to Chiang Mai; its coordinator accepts the child into a school there', async () => {
    const store = env.stack().store;
    await store.batch([
      {
        kind: 'set',
        path: `users/${CM_COORD}`,
        data: { id: CM_COORD, role: 'area_coordinator', areaCode: '5001', registeredAt: '2026-11-01T00:00:00.000Z' },
      },
    ]);
    const child = (await store.query<Child>('children', { where: [['schoolCode', '==', TEACHER.schoolCode!]] }))
      .map((c) => c.data)
      .find((c) => c.status === 'not_tracked')!;
    const page = await env.browser().newPage({ locale: 'th-TH', viewport: { width: 390, height: 800 } });
    await page.goto(`${env.stack().url}/liff/checkin.html?child=${child.id}&as=${TEACHER.id}`);
    await page.getByText(`${child.firstName} ${child.lastName}`).waitFor();
    await page.selectOption('#status', 'moved');
    await page.fill('#areaFilter', 'เชียงใหม่');
    await page.locator('#toArea option[value="5001"]').waitFor({ state: 'attached' });
    expect(await page.locator('#toArea option').count()).toBe(2); // the filter left Chiang Mai only
    await page.selectOption('#toArea', '5001');
    await page.fill('#note', 'ย้ายไปอยู่กับยายที่เชียงใหม่');
    await page.click('#submit');
    await page.getByText('บันทึกแล้ว: ย้ายไปเขตอื่น', { exact: false }).waitFor();
    expect((await store.get<Child>(`children/${child.id}`))!.status).toBe('moved');

    await page.goto(`${env.stack().url}/liff/transfers.html?as=${CM_COORD}`);
    const item = page.locator(`[data-transfer]`, { hasText: child.firstName });
    await item.waitFor();
    expect(await item.innerText()).toContain('รอเขตปลายทางรับ');
    await item.locator('[data-school] option[value="50010002"]').waitFor({ state: 'attached' });
    await item.locator('[data-school]').selectOption('50010002');
    await item.getByRole('button', { name: 'รับเข้าโรงเรียนนี้' }).click();
    await page.getByText(`รับ ${child.firstName} ${child.lastName} เข้าโรงเรียนแล้ว`).waitFor();
    expect(await page.locator('[data-transfer]', { hasText: child.firstName }).innerText()).toContain(
      'เขตปลายทางรับแล้ว',
    );
    expect(await store.get<Child>(`children/${child.id}`)).toMatchObject({
      schoolCode: '50010002',
      areaCode: '5001',
      status: 'not_tracked',
    });
    await page.close();
  });
});
