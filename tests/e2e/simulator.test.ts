import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../functions/src/dev/localStack';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import type { Child } from '@panong/shared';
import { launchChromium } from '../helpers/browser';

let stack: LocalStack;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-sim-'));
  stack = await startLocalStack({ DATA_DIR: dataDir }, 0);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('LINE chat simulator at /dev', () => {
  it('searches as the volunteer, renders the Flex card, opens the check-in page as that user', async () => {
    const volunteer = DEMO_USERS[0]!;
    const child = (await stack.store.query<Child>('children', { where: [['assigneeIds', 'array-contains', volunteer.id]], limit: 1 }))[0]!.data;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.url}/dev`);
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
    const child = (await stack.store.query<Child>('children', { where: [['assigneeIds', 'array-contains', volunteer.id]], limit: 1 }))[0]!.data;
    const page = await browser.newPage();
    await page.goto(`${stack.url}/dev`);
    await page.waitForSelector(`#user option[value="${volunteer.id}"]`, { state: 'attached' });
    await page.selectOption('#user', volunteer.id);
    await page.fill('#text', child.firstName);
    await page.press('#text', 'Enter');
    await page.locator('.bubble').first().waitFor();
    await page.locator('.bubble', { hasText: `${child.firstName} ${child.lastName}` }).first().getByText('ส่งตำแหน่ง').click();
    await page.locator('#quick button', { hasText: 'ส่งตำแหน่ง' }).click();
    await page.getByText(`บันทึกตำแหน่งของ ${child.firstName}`, { exact: false }).first().waitFor();
    const updated = await stack.store.get<Child>(`children/${child.id}`);
    expect(updated?.lastCheckIn).toMatchObject({ lat: 13.7563, lng: 100.5018, by: volunteer.id });
    await page.close();
  });
});
