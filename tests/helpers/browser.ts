import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../functions/src/dev/localStack';

/** Debian's Chromium, headless, with background networking off (this machine has no outside network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A local stack (fresh DATA_DIR, demo data) and a browser for one test file, torn down afterwards.
 * Map tiles come from the stack's offline stub (this machine has no outside network).
 */
export function useLocalStackAndBrowser(extraEnv: NodeJS.ProcessEnv = {}): { stack(): LocalStack; browser(): Browser } {
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;
  let dataDir = '';
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-e2e-'));
    stack = await startLocalStack(
      { DATA_DIR: dataDir, MAP_TILE_URL: '/dev/tiles/{z}/{x}/{y}.png', MAP_ATTRIBUTION: 'แผนที่ทดสอบ', ...extraEnv },
      0,
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { stack: () => stack!, browser: () => browser! };
}
