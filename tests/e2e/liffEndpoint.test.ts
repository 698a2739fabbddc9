import type { Child } from '@panong/shared';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import { useLocalStackAndBrowser } from '../helpers/browser';

const TEACHER = DEMO_USERS[1]!.id;
const env = useLocalStackAndBrowser();

describe("LIFF endpoint page (/liff/) behind LINE's redirect", () => {
  it('runs liff.init and lands on the page named in liff.state, with its query, under the production CSP', async () => {
    const child = (
      await env
        .stack()
        .store.query<Child>('children', { where: [['schoolCode', '==', DEMO_USERS[1]!.schoolCode!]], limit: 1 })
    )[0]!.data;
    const context = await env.browser().newContext({ locale: 'th-TH' });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    const state = encodeURIComponent(`/checkin.html?child=${child.id}`);
    const res = await page.goto(`${env.stack().url}/liff/?liff.state=${state}&as=${TEACHER}`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self' https://static.line-scdn.net");
    await page.waitForURL(/\/liff\/checkin\.html\?child=/);
    await page.getByText(`${child.firstName} ${child.lastName}`).waitFor();
    expect(new URL(page.url()).searchParams.get('child')).toBe(child.id);
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('never forwards outside the LIFF pages, whatever liff.state says', async () => {
    const context = await env.browser().newContext({ locale: 'th-TH' });
    const page = await context.newPage();
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/../dev', '/\\evil.example']) {
      await page.goto(`${env.stack().url}/liff/?liff.state=${encodeURIComponent(evil)}&as=${TEACHER}`);
      await page.getByText('เปิดเมนูใน LINE เพื่อใช้งาน').waitFor();
      expect(new URL(page.url()).pathname).toBe('/liff/');
    }
    await context.close();
  });
});
