/**
 * `npm run line:setup -- --base-url https://<project>.web.app`: webhook endpoint (tested by LINE), rich
 * menus per audience with rendered images, aliases, the default menu; re-links registered users when
 * their menu changes. Reads LINE_CHANNEL_ACCESS_TOKEN, LINE_API_ORIGIN and LIFF_ID (and the store, for
 * the users); without them, the local stack's fake LINE API.
 */
import { z } from 'zod';
import { lineSetupClient } from '../adapters/lineClient';
import { renderMenuImage, RENDERER_VERSION } from '../adapters/richMenuImage';
import { setupLine, usersInRoles } from '../stories/lineSetup/lineSetup';
import { cliArgs, errorText, withStore, runCli } from './common';

async function main() {
  const { values } = cliArgs({ 'base-url': { type: 'string' } });
  const report = await withStore(async (store, config) => {
    const loopback = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(config.LINE_API_ORIGIN);
    const baseUrl = z
      .url({ error: 'ระบุ --base-url https://<project>.web.app' })
      .refine(
        (u) => u.startsWith('https://') || (loopback && u.startsWith('http://')),
        'LINE รับ webhook ที่เป็น https เท่านั้น: ระบุ --base-url https://<project>.web.app',
      )
      .parse(values['base-url']);
    return setupLine(
      {
        line: lineSetupClient({ channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN, origin: config.LINE_API_ORIGIN }),
        render: renderMenuImage,
        usersIn: (roles) => usersInRoles(store, roles),
        rendererVersion: RENDERER_VERSION,
        log: (line) => console.log(line),
      },
      { baseUrl, liffId: config.LIFF_ID },
    );
  });
  if (!report.webhook.success) {
    console.error('ทดสอบ webhook ไม่ผ่าน: ตรวจว่า deploy แล้ว และ LINE_CHANNEL_SECRET ของ function ตรงกับ channel');
    process.exit(2);
  }
}

/** LINE's refusals carry the reason in their body: show it, it is what the officer can act on. */
function explain(err: unknown): string {
  const body = (err as { body?: unknown }).body;
  const message = errorText(err);
  return body ? `${message}\nLINE ตอบ: ${typeof body === 'string' ? body : JSON.stringify(body)}` : message;
}

runCli(main, explain);
