import type { messagingApi } from '@line/bot-sdk';
import type { Role } from '@panong/shared';
import { liffUrl } from '../config';

/** Who sees which menu: followers who have not registered, field workers, coordinators, partner agencies. */
export type Audience = 'guest' | 'field' | 'coordinator' | 'agency';
export const AUDIENCE_ROLES: Record<Audience, readonly Role[]> = {
  guest: [],
  field: ['volunteer', 'teacher'],
  coordinator: ['school_coordinator', 'area_coordinator', 'admin'],
  agency: ['agency'],
};
export function audienceOf(role: Role | undefined): Audience {
  return (Object.keys(AUDIENCE_ROLES) as Audience[]).find((a) => role && AUDIENCE_ROLES[a].includes(role)) ?? 'guest';
}

/** The alias of each audience's (first) menu: registration links a user through it. */
export const MENU_ALIAS: Record<Audience, string> = { guest: 'panong-guest', field: 'panong-field', coordinator: 'panong-coord', agency: 'panong-agency' };

export type Icon = 'search' | 'list' | 'pin' | 'megaphone' | 'help' | 'chart' | 'people' | 'inbox' | 'upload' | 'handshake' | 'heart' | 'key';
export interface MenuButton {
  label: string;
  icon: Icon;
  action: messagingApi.Action;
}
/** One rich menu: an alias, its buttons (3 = a half-height menu, 6 = full) and, for tabbed audiences, its tabs. */
export interface MenuSpec {
  alias: string;
  audience: Audience;
  chatBarText: string;
  buttons: MenuButton[];
  tabs?: Array<{ label: string; alias: string }>;
}

/**
 * The menus, as data. Coordinators have more than 6 actions: two tabs switched by rich menu aliases.
 * `origin` is the deployed site (public page); LIFF pages open through liff.line.me.
 */
export function menuSpecs(opts: { liffId: string; origin: string }): MenuSpec[] {
  const liff = (page: string, label: string, icon: Icon): MenuButton => ({ label, icon, action: { type: 'uri', label, uri: liffUrl(opts.liffId, page) } });
  const say = (text: string, label: string, icon: Icon): MenuButton => ({ label, icon, action: { type: 'message', label, text } });
  const sighting = liff('sighting.html', 'แจ้งพบเด็ก', 'megaphone');
  const search = say('วิธีใช้', 'ค้นหาเด็ก', 'search');
  const coordTabs = [
    { label: 'งานติดตาม', alias: 'panong-coord' },
    { label: 'จัดการข้อมูล', alias: 'panong-coord-admin' },
  ];
  return [
    {
      alias: MENU_ALIAS.guest,
      audience: 'guest',
      chatBarText: 'เมนู',
      buttons: [sighting, say('วิธีลงทะเบียน', 'ลงทะเบียน', 'key'), { label: 'สถานการณ์', icon: 'chart', action: { type: 'uri', label: 'สถานการณ์', uri: `${opts.origin}/liff/public.html` } }],
    },
    {
      alias: MENU_ALIAS.field,
      audience: 'field',
      chatBarText: 'เมนูติดตามเด็ก',
      buttons: [
        search,
        liff('mycases.html', 'งานของฉัน', 'list'),
        { label: 'ส่งตำแหน่ง', icon: 'pin', action: { type: 'uri', label: 'ส่งตำแหน่ง', uri: 'https://line.me/R/nv/location/' } },
        liff('mycases.html#followups', 'ติดตามหลังกลับ', 'heart'),
        sighting,
        say('วิธีใช้', 'วิธีใช้', 'help'),
      ],
    },
    {
      alias: MENU_ALIAS.coordinator,
      audience: 'coordinator',
      chatBarText: 'เมนูผู้ประสานงาน',
      tabs: coordTabs,
      buttons: [search, liff('dashboard.html', 'แดชบอร์ด', 'chart'), liff('assign.html', 'มอบหมายงาน', 'people'), liff('triage.html', 'คัดกรองแจ้งพบ', 'inbox'), liff('referrals.html', 'เรื่องส่งต่อ', 'handshake'), liff('mycases.html', 'งานของฉัน', 'list')],
    },
    {
      alias: 'panong-coord-admin',
      audience: 'coordinator',
      chatBarText: 'เมนูผู้ประสานงาน',
      tabs: coordTabs,
      buttons: [liff('import.html', 'นำเข้ารายชื่อ', 'upload'), liff('partners.html', 'หน่วยงานภาคี', 'handshake'), liff('mycases.html#followups', 'ติดตามหลังกลับ', 'heart'), sighting, say('ปิดแจ้งเตือน', 'ปิดแจ้งเตือน', 'key'), say('วิธีใช้', 'วิธีใช้', 'help')],
    },
    {
      alias: MENU_ALIAS.agency,
      audience: 'agency',
      chatBarText: 'เมนูหน่วยงานภาคี',
      buttons: [liff('referrals.html', 'เรื่องส่งต่อ', 'handshake'), search, say('วิธีใช้', 'วิธีใช้', 'help')],
    },
  ];
}

export const MENU_WIDTH = 2500;
export const TAB_HEIGHT = 200;
export interface Box { x: number; y: number; width: number; height: number }

/** Where each tab and button sits: 3 buttons in a row (2500×843), 6 in two rows (2500×1686) under the tabs. */
export function layout(spec: MenuSpec): { height: number; tabs: Box[]; buttons: Box[] } {
  const height = spec.buttons.length <= 3 ? 843 : 1686;
  const top = spec.tabs ? TAB_HEIGHT : 0;
  const rows = spec.buttons.length <= 3 ? 1 : 2;
  const cols = Math.ceil(spec.buttons.length / rows);
  const w = Math.floor(MENU_WIDTH / cols);
  const h = Math.floor((height - top) / rows);
  const tabW = spec.tabs ? Math.floor(MENU_WIDTH / spec.tabs.length) : 0;
  return {
    height,
    tabs: (spec.tabs ?? []).map((_, i) => ({ x: i * tabW, y: 0, width: i === spec.tabs!.length - 1 ? MENU_WIDTH - i * tabW : tabW, height: TAB_HEIGHT })),
    buttons: spec.buttons.map((_, i) => {
      const col = i % cols;
      const row = Math.floor(i / cols);
      return { x: col * w, y: top + row * h, width: col === cols - 1 ? MENU_WIDTH - col * w : w, height: row === rows - 1 ? height - top - row * h : h };
    }),
  };
}

/** The rich menu object LINE receives; `name` carries the spec's hash so an unchanged menu is reused. */
export function richMenuRequest(spec: MenuSpec, name: string): messagingApi.RichMenuRequest {
  const l = layout(spec);
  return {
    size: { width: MENU_WIDTH, height: l.height },
    selected: spec.audience !== 'guest',
    name,
    chatBarText: spec.chatBarText,
    areas: [
      ...(spec.tabs ?? []).map((t, i) => ({ bounds: l.tabs[i]!, action: { type: 'richmenuswitch' as const, label: t.label, richMenuAliasId: t.alias, data: `tab=${t.alias}` } })),
      ...spec.buttons.map((b, i) => ({ bounds: l.buttons[i]!, action: b.action })),
    ],
  };
}
