import type { Child } from '@panong/shared';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import { useLocalStackAndBrowser } from '../helpers/browser';

const VOLUNTEER = DEMO_USERS[0]!.id;
const env = useLocalStackAndBrowser();

async function assignedChild(): Promise<Child> {
  return (
    await env
      .stack()
      .store.query<Child>('children', { where: [['assigneeIds', 'array-contains', VOLUNTEER]], limit: 1 })
  )[0]!.data;
}

describe('LIFF check-in page in headless Chromium (liff-mock)', () => {
  it('takes the GPS position, submits "found" once on a double tap, and shows it in the history', async () => {
    const child = await assignedChild();
    const context = await env.browser().newContext({
      geolocation: { latitude: 13.7563, longitude: 100.5018, accuracy: 25 },
      permissions: ['geolocation'],
      locale: 'th-TH',
    });
    const page = await context.newPage();
    await page.goto(`${env.stack().url}/liff/checkin.html?child=${child.id}&as=${VOLUNTEER}`);
    await page.getByText(`${child.firstName} ${child.lastName}`).waitFor();
    await expectText(page, '#childStatus', 'ยังไม่ได้ติดตาม');

    await page.click('#gps');
    await page.getByText('(คลาดเคลื่อน ±25 ม.)', { exact: false }).waitFor();
    await page.selectOption('#status', 'found');
    await page.fill('#note', 'พบที่บ้านยาย <script>alert(1)</script>');
    await page.dblclick('#submit');
    await page.getByText('บันทึกแล้ว: พบตัว').waitFor();

    await expectText(page, '#childStatus', 'พบตัว');
    const history = page.locator('#history li');
    await expectCount(history, 1);
    const entry = await history.first().innerText();
    expect(entry).toContain('พบตัว');
    expect(entry).toContain('13.75630, 100.50180');
    expect(entry).toContain('<script>alert(1)</script>'); // shown as text, not run
    const events = await env.stack().store.query(`children/${child.id}/events`);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      by: VOLUNTEER,
      to: 'found',
      location: { lat: 13.7563, lng: 100.5018, accuracy: 25, source: 'gps' },
    });
    await context.close();
  });

  it('shows the required details for "returned" and a Thai error when they are missing', async () => {
    const child = await assignedChild(); // now "found"
    const page = await env.browser().newPage();
    await page.goto(`${env.stack().url}/liff/checkin.html?child=${child.id}&as=${VOLUNTEER}`);
    await page.getByText(`${child.firstName} ${child.lastName}`).waitFor();
    await page.selectOption('#status', 'returned');
    await page.click('#submit');
    await page.getByText('กรุณาเลือกสถานศึกษาที่กลับเข้าเรียน').waitFor();
    await page.selectOption('#destination', 'non_formal');
    await page.click('#submit');
    await page.getByText('บันทึกแล้ว: กลับเข้าเรียนแล้ว').waitFor();
    await page.close();
  });

  it('keeps a check-in made without signal on the device and sends it once when the network returns', async () => {
    const child = (
      await env.stack().store.query<Child>('children', { where: [['assigneeIds', 'array-contains', VOLUNTEER]] })
    )
      .map((c) => c.data)
      .find((c) => c.status === 'not_tracked')!;
    const context = await env.browser().newContext({ locale: 'th-TH' });
    const page = await context.newPage();
    await page.goto(`${env.stack().url}/liff/checkin.html?child=${child.id}&as=${VOLUNTEER}`);
    await page.getByText(`${child.firstName} ${child.lastName}`).waitFor();
    await context.setOffline(true); // the village has no signal
    await page.selectOption('#status', 'not_found');
    await page.selectOption('#reason', { index: 1 });
    await page.click('#submit');
    await page.getByText('รอส่ง 1 รายการ', { exact: false }).waitFor();
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('panong.outbox.')).length),
    ).toBe(1);
    expect(await env.stack().store.query(`children/${child.id}/events`)).toHaveLength(0);
    await context.setOffline(false);
    await page.getByText('บันทึกแล้ว: ไม่พบตัว').waitFor({ timeout: 15_000 });
    expect(await page.locator('#outbox').innerText()).toBe('');
    const events = await env.stack().store.query(`children/${child.id}/events`);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ by: VOLUNTEER, to: 'not_found' });
    await context.close();
  });

  it('tells a user who may not see the child that it was not found, without the name', async () => {
    const other = (
      await env.stack().store.query<Child>('children', { where: [['schoolCode', '==', '40010001']], limit: 1 })
    )[0]!.data;
    const page = await env.browser().newPage();
    await page.goto(`${env.stack().url}/liff/checkin.html?child=${other.id}&as=${VOLUNTEER}`);
    await page.getByRole('alert').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(other.firstName);
    expect(await page.locator('body').innerText()).toContain('ไม่พบข้อมูลเด็กรายนี้');
    await page.close();
  });
});

async function expectText(page: import('playwright-core').Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(([s, t]) => document.querySelector(s!)?.textContent === t, [selector, text] as const, {
    timeout: 5000,
  });
}

async function expectCount(locator: import('playwright-core').Locator, n: number) {
  for (let i = 0; i < 50; i++) {
    if ((await locator.count()) === n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await locator.count()).toBe(n);
}

describe('dashboard and public pages in headless Chromium', () => {
  it('shows the area coordinator the area numbers with one row per school', async () => {
    const area = DEMO_USERS[3]!;
    const page = await env.browser().newPage();
    await page.goto(`${env.stack().url}/liff/dashboard.html?as=${area.id}`);
    await page.locator('.unit').first().waitFor();
    const toTrack = (await env.stack().store.query<Child>('children', { where: [['areaCode', '==', area.areaCode]] }))
      .length;
    expect(await page.locator('[data-stat="toTrack"] strong').innerText()).toBe(String(toTrack));
    expect(await page.locator('.unit').count()).toBe(2);
    // Open cases per field worker: the demo volunteer's assigned children still to be tracked.
    const volunteer = DEMO_USERS[0]!;
    const open = (
      await env.stack().store.query<Child>('children', { where: [['assigneeIds', 'array-contains', volunteer.id]] })
    ).filter((c) => ['not_tracked', 'found', 'not_found'].includes(c.data.status)).length;
    expect(await page.locator(`[data-worker="${volunteer.displayName}"] strong`).innerText()).toBe(`${open} คน`);
    await page.locator('#map path.pin').first().waitFor(); // the check-in made above, pinned on the tiled map
    expect(await page.locator('#map path.pin').count()).toBe(1);
    await page.close();
  });

  it('public page shows national numbers without login', async () => {
    const page = await env.browser().newPage();
    await page.goto(`${env.stack().url}/liff/public.html`);
    await page.locator('.unit').first().waitFor();
    const total = await env.stack().store.count('children');
    expect((await page.locator('[data-stat="toTrack"] strong').innerText()).replace(/,/g, '')).toBe(String(total));
    await page.close();
  });
});
