import { lineSetupClient } from '../../functions/src/adapters/lineClient';
import { renderMenuImage, RENDERER_VERSION } from '../../functions/src/adapters/richMenuImage';
import { imageSize, richMenuViolations } from '../../functions/src/dev/lineLimits';
import { setupLine, type SetupDeps } from '../../functions/src/stories/lineSetup/lineSetup';
import { MENU_ALIAS, menuSpecs } from '../../functions/src/stories/lineSetup/richMenus';
import { textEvent } from '../../functions/src/dev/webhookEvents';
import { createInvite } from '../../functions/src/stories/chat/invites';
import { harness, LIFF_ID, type Harness } from '../helpers/harness';

let h: Harness;
let base: string;
let server: import('node:http').Server;
beforeAll(async () => {
  h = await harness();
  // The app itself answers LINE's webhook test, signed with the channel secret.
  server = await new Promise((resolve) => {
    const s = h.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
  h.fake.richMenus.channelSecret = 'test-channel-secret';
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await h.close();
});

const deps = (over: Partial<SetupDeps> = {}): SetupDeps => ({
  line: lineSetupClient({ channelAccessToken: 'test-access-token', origin: h.origin }),
  render: renderMenuImage,
  usersIn: async (roles) =>
    (await h.store.query<{ role: string }>('users')).filter((u) => roles.includes(u.data.role)).map((u) => u.id),
  rendererVersion: RENDERER_VERSION,
  ...over,
});

describe('npm run line:setup against the fake LINE API', () => {
  it(
    'sets and tests the webhook, makes one menu per audience with rendered ' +
      'images, aliases and the default; a second run changes nothing',
    async () => {
      const foreign = await lineSetupClient({ channelAccessToken: 'test-access-token', origin: h.origin }).createMenu({
        size: { width: 2500, height: 843 },
        selected: false,
        name: 'made by hand',
        chatBarText: 'อื่น',
        areas: [{ bounds: { x: 0, y: 0, width: 2500, height: 843 }, action: { type: 'message', text: 'hi' } }],
      });
      const callsBefore = h.fake.calls.length;
      const first = await setupLine(deps(), { baseUrl: base, liffId: LIFF_ID });
      expect(first.webhook).toMatchObject({ endpoint: `${base}/webhook`, success: true });
      expect(h.fake.richMenus.webhookEndpoint).toBe(`${base}/webhook`);
      expect(first.created).toHaveLength(6);
      for (const img of first.images) expect(img.bytes).toBeLessThan(1024 * 1024);
      const fake = h.fake.richMenus;
      for (const [alias, id] of Object.entries(first.aliases)) {
        expect(fake.aliases.get(alias)).toBe(id);
        const size = imageSize(fake.menus.get(id)!.image!.bytes)!;
        expect([size.width, size.height]).toEqual([2500, fake.menus.get(id)!.menu.size.height]);
      }
      expect(fake.defaultMenu).toBe(first.aliases[MENU_ALIAS.guest]);
      const firstCalls = h.fake.calls
        .slice(callsBefore)
        .map((c) => `${c.method} ${c.path.replace(/richmenu-\w+/, 'ID')} ${c.status}`);

      const second = await setupLine(deps(), { baseUrl: base, liffId: LIFF_ID });
      expect(second).toMatchObject({ created: [], deleted: [], relinked: 0 });
      expect(second.reused).toHaveLength(6);
      expect(fake.menus.size).toBe(7); // 6 of ours (guest, field, 2 coordinator tabs, agency, local administration) + the one made by hand, untouched
      expect(fake.menus.has(foreign)).toBe(true);
      console.log(
        `line:setup first run: ${firstCalls.length} calls (${[...new Set(firstCalls)].join(', ')}); ` +
          `second run: ${h.fake.calls.length - callsBefore - firstCalls.length} calls`,
      );
    },
  );

  it('replaces a changed menu, moves its alias and its users, and deletes only its predecessor', async () => {
    const invite = await createInvite(h.deps, { role: 'agency', partner: 'cm-pdhs' });
    const agency = 'U1234567890abcdef1234567890abcdef';
    await h
      .webhook([
        textEvent({ userId: agency, text: `ลงทะเบียน ${invite.code}`, replyToken: h.fake.issueReplyToken(agency) }),
      ])
      .expect(200);
    const fake = h.fake.richMenus;
    const before = fake.aliases.get(MENU_ALIAS.agency)!;
    expect(fake.userMenus.get(agency)).toBe(before); // registration linked the role's menu
    const report = await setupLine(deps({ rendererVersion: 'r-next' }), { baseUrl: base, liffId: LIFF_ID });
    expect(report.created).toHaveLength(6);
    expect(report.deleted).toHaveLength(6);
    expect(fake.menus.has(before)).toBe(false);
    expect(fake.userMenus.get(agency)).toBe(fake.aliases.get(MENU_ALIAS.agency));
    expect(fake.menus.size).toBe(7); // the 6 new ones and the menu made by hand
    expect([...fake.aliases.values()].every((id) => fake.menus.has(id))).toBe(true); // no dangling alias
  });

  it(
    'fake LINE refuses what LINE refuses: sizes, too many ' + 'areas, long labels, bad alias ids, wrong images',
    async () => {
      const spec = menuSpecs({ liffId: LIFF_ID, origin: base })[1]!;
      const good = {
        size: { width: 2500, height: 1686 },
        selected: true,
        name: 'x',
        chatBarText: 'เมนู',
        areas: [
          {
            bounds: { x: 0, y: 0, width: 100, height: 100 },
            action: { type: 'message' as const, label: 'ค้นหา', text: 'a' },
          },
        ],
      };
      expect(richMenuViolations(good)).toEqual([]);
      expect(richMenuViolations({ ...good, size: { width: 2400, height: 1686 } })).toContain(
        'size: 2500×1686 or 2500×843',
      );
      expect(richMenuViolations({ ...good, areas: Array.from({ length: 21 }, () => good.areas[0]) })).toContain(
        'areas: 1–20 areas',
      );
      expect(richMenuViolations({ ...good, chatBarText: 'เมนูสำหรับผู้ประสานงานเขต' })).toContain(
        'chatBarText: 1–14 characters',
      );
      expect(
        richMenuViolations({
          ...good,
          areas: [{ ...good.areas[0], action: { type: 'message', label: 'ป้ายที่ยาวเกินยี่สิบตัวอักษรแน่นอน', text: 'a' } }],
        })[0],
      ).toMatch(/label/);
      expect(
        richMenuViolations({
          ...good,
          areas: [{ bounds: { x: 2450, y: 0, width: 100, height: 100 }, action: good.areas[0]!.action }],
        })[0],
      ).toMatch(/inside the image/);
      const line = lineSetupClient({ channelAccessToken: 'test-access-token', origin: h.origin });
      const id = await line.createMenu(good);
      const half = await renderMenuImage(menuSpecs({ liffId: LIFF_ID, origin: base })[0]!); // 2500×843 for a 1686 menu
      await expect(line.uploadImage(id, half.bytes, half.type)).rejects.toThrow();
      await expect(line.uploadImage(id, (await renderMenuImage(spec)).bytes, 'image/gif')).rejects.toThrow();
      await expect(line.createAlias('bad alias!', id)).rejects.toThrow();
      await expect(line.setDefault(id)).rejects.toThrow(); // no image yet
      await line.deleteMenu(id);
    },
  );
});
