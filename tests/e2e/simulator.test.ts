import { DEMO_USERS } from '../../functions/src/dev/demoData';
import type { Child } from '@panong/shared';
import { useLocalStackAndBrowser } from '../helpers/browser';

const env = useLocalStackAndBrowser();

describe('LINE chat simulator at /dev', () => {
  it('searches as the volunteer, renders the Flex card, opens the check-in page as that user', async () => {
    const volunteer = DEMO_USERS[0]!;
    const child = (await env.stack().store.query<Child>('children', { where: [['assigneeIds', 'array-contains', volunteer.id]], limit: 1 }))[0]!.data;
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
    const child = (await env.stack().store.query<Child>('children', { where: [['assigneeIds', 'array-contains', volunteer.id]], limit: 1 }))[0]!.data;
    const page = await env.browser().newPage();
    await page.goto(`${env.stack().url}/dev`);
    await page.waitForSelector(`#user option[value="${volunteer.id}"]`, { state: 'attached' });
    await page.selectOption('#user', volunteer.id);
    await page.fill('#text', child.firstName);
    await page.press('#text', 'Enter');
    await page.locator('.bubble').first().waitFor();
    await page.locator('.bubble', { hasText: `${child.firstName} ${child.lastName}` }).first().getByText('ส่งตำแหน่ง').click();
    await page.locator('#quick button', { hasText: 'ส่งตำแหน่ง' }).click();
    await page.getByText(`บันทึกตำแหน่งของ ${child.firstName}`, { exact: false }).first().waitFor();
    const updated = await env.stack().store.get<Child>(`children/${child.id}`);
    expect(updated?.lastCheckIn).toMatchObject({ lat: 13.7563, lng: 100.5018, by: volunteer.id });
    await page.close();
  });
});
