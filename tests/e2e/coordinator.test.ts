import type { Child } from '@panong/shared';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import { useLocalStackAndBrowser } from '../helpers/browser';

const env = useLocalStackAndBrowser();
const [VOLUNTEER, , SCHOOL_COORD] = DEMO_USERS;

describe('coordinator pages in headless Chromium', () => {
  it('assigns all unassigned children of the school to the volunteer, who then sees them in my cases', async () => {
    const page = await env.browser().newPage();
    await page.goto(`${env.stack().url}/liff/assign.html?as=${SCHOOL_COORD!.id}`);
    await page.locator('#children label').first().waitFor();
    await page.selectOption('#worker', VOLUNTEER!.id);
    await page.check('#all');
    await page.click('#submit');
    await page.getByText('มอบหมายแล้ว 2 คน').waitFor(); // 10 children in the school, 8 already assigned
    const school = (
      await env.stack().store.query<Child>('children', { where: [['schoolCode', '==', SCHOOL_COORD!.schoolCode]] })
    ).map((c) => c.data);
    expect(school.every((c) => c.assigneeIds.includes(VOLUNTEER!.id))).toBe(true);

    const mine = await env.browser().newPage();
    await mine.goto(`${env.stack().url}/liff/mycases.html?as=${VOLUNTEER!.id}`);
    await mine.locator('#cases li[data-child]').first().waitFor();
    expect(await mine.locator('#cases li[data-child]').count()).toBe(school.length);
    await page.close();
    await mine.close();
  });

  it('downloads the Monday report from the dashboard', async () => {
    const context = await env.browser().newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${env.stack().url}/liff/dashboard.html?as=${SCHOOL_COORD!.id}`);
    await page.locator('[data-stat="toTrack"]').waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('button[data-kind="monday"]')]);
    expect(file.suggestedFilename()).toBe('panong-monday.xlsx');
    await context.close();
  });
});
