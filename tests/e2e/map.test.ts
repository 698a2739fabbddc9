import type { Child } from '@panong/shared';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import { FakeLine } from '../../functions/src/dev/fakeLine';
import { localEnv } from '../../functions/src/dev/localEnv';
import { useLocalStackAndBrowser } from '../helpers/browser';

const env = useLocalStackAndBrowser();
const [, TEACHER, , AREA] = DEMO_USERS;

/** Check-ins with a pin, through the API as the teacher (as the LIFF page posts them). */
async function pin(child: Child, i: number): Promise<void> {
  const token = FakeLine.idToken(TEACHER!.id, localEnv(0).LINE_LOGIN_CHANNEL_ID!, new Date(Date.now() + 3600_000));
  const res = await fetch(`${env.stack().url}/api/children/${child.id}/checkins`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      idempotencyKey: `k-map-e2e-${String(i).padStart(12, '0')}`,
      location: { lat: 13.7 + i * 0.002, lng: 100.5 + i * 0.002, source: 'gps' },
      outcome: { status: 'found' },
    }),
  });
  expect(res.status).toBe(201);
}

describe('dashboard map in headless Chromium at 390×800', () => {
  it('draws tiles from MAP_TILE_URL and the area pins, clustered, each opening its child within scope', async () => {
    const kids = (
      await env
        .stack()
        .store.query<Child>('children', { where: [['schoolCode', '==', TEACHER!.schoolCode!]], limit: 6 })
    ).map((c) => c.data);
    for (const [i, c] of kids.entries()) await pin(c, i);
    const context = await env.browser().newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const tiles: string[] = [];
    page.on('request', (r) => void (r.url().includes('/dev/tiles/') && tiles.push(r.url())));
    await page.goto(`${env.stack().url}/liff/dashboard.html?as=${AREA!.id}`);
    await page.locator('#map .leaflet-tile-loaded').first().waitFor();
    await page.locator('#mapNote', { hasText: 'ปักหมุด 6 จุด' }).waitFor();
    expect(tiles.length).toBeGreaterThan(0);
    // The weekly trend (Chart.js) draws this week's snapshot, taken when the stack started.
    expect(await page.locator('#trend canvas').getAttribute('aria-label')).toMatch(
      /^แนวโน้ม 1 สัปดาห์ ล่าสุด \d+ \S+ 25\d\d/,
    );
    expect(await page.locator('#map .leaflet-control-attribution').innerText()).toContain('แผนที่ทดสอบ');
    // Pins 200 m apart: at the fitted zoom each is its own pin, or clusters add up to 6.
    const drawn = await page.locator('#map path.pin').count();
    expect(drawn).toBeGreaterThan(0);
    const clusters = await page.locator('#map .cluster-count').allInnerTexts();
    expect(drawn - clusters.length + clusters.reduce((n, t) => n + Number(t.replace(/\D/g, '')), 0)).toBe(6);
    // Zoomed in, a single pin's popup opens the child's page.
    for (let z = 0; z < 4 && (await page.locator('#map .cluster-count').count()) > 0; z++)
      await page.locator('#map .leaflet-control-zoom-in').click();
    await page.locator('#map path.pin').first().click({ force: true });
    const link = page.locator('.leaflet-popup a', { hasText: 'เปิดข้อมูลเด็ก' });
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(kids.some((k) => href.endsWith(`checkin.html?child=${k.id}`))).toBe(true);
    await context.close();
  });
});
