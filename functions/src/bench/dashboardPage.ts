import { chromium } from 'playwright-core';
import { startLocalStack } from '../dev/localStack';
import { round } from './stats';

/**
 * The dashboard page as a phone opens it (Chromium, 390×800) on a local stack holding the national
 * list: bytes over the wire, time to the first map tile and to the pins. Tiles come from the stack's
 * offline stub (same origin), so the figures measure the app, not a tile server.
 */
export async function dashboardPageBench(
  dataDir: string,
  users: Record<'admin' | 'area', string>,
): Promise<Record<string, number | string>> {
  const stack = await startLocalStack(
    { DATA_DIR: dataDir, DEMO_SCHOOLS: '0', MAP_TILE_URL: '/dev/tiles/{z}/{x}/{y}.png' },
    0,
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const out: Record<string, number | string> = {};
  try {
    for (const [who, id] of Object.entries(users)) {
      const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
      const page = await context.newPage();
      let bytes = 0;
      let apiBytes = 0;
      page.on(
        'requestfinished',
        (r) =>
          void r.sizes().then((s) => {
            bytes += s.responseBodySize + s.responseHeadersSize;
            if (new URL(r.url()).pathname.startsWith('/api/')) apiBytes += s.responseBodySize;
          }),
      );
      const t0 = Date.now();
      await page.goto(`${stack.url}/liff/dashboard.html?as=${id}`);
      await page.locator('#map .leaflet-tile-loaded').first().waitFor({ timeout: 60_000 });
      const firstTile = Date.now() - t0;
      await page.locator('#map path.pin').first().waitFor({ timeout: 60_000 });
      const pins = Date.now() - t0;
      await page.waitForLoadState('networkidle');
      out[`${who}FirstTileMs`] = firstTile;
      out[`${who}PinsMs`] = pins;
      out[`${who}KB`] = round(bytes / 1024, 0);
      out[`${who}ApiKB`] = round(apiBytes / 1024, 1);
      await context.close();
    }
  } finally {
    await browser.close();
    await stack.close();
  }
  return out;
}
