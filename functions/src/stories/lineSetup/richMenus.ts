import type { messagingApi } from '@line/bot-sdk';
import type { Role } from '@panong/shared';
import { liffUrl } from '../../config';
import { layout, MENU_WIDTH, type Audience, type Icon, type MenuButton, type MenuSpec } from '../../ports/richMenu';

export const AUDIENCE_ROLES: Record<Audience, readonly Role[]> = {
  guest: [],
  field: ['volunteer', 'teacher'],
  coordinator: ['school_coordinator', 'area_coordinator', 'admin'],
  agency: ['agency'],
  local: ['local_admin'],
};
export function audienceOf(role: Role | undefined): Audience {
  return (Object.keys(AUDIENCE_ROLES) as Audience[]).find((a) => role && AUDIENCE_ROLES[a].includes(role)) ?? 'guest';
}

/** The alias of each audience's (first) menu: registration links a user through it. */
export const MENU_ALIAS: Record<Audience, string> = {
  guest: 'panong-guest',
  field: 'panong-field',
  coordinator: 'panong-coord',
  agency: 'panong-agency',
  local: 'panong-local',
};

/**
 * The menus, as data. Coordinators have more than 6 actions: two tabs switched by rich menu aliases.
 * `origin` is the deployed site (public page); LIFF pages open through liff.line.me.
 */
export function menuSpecs(opts: { liffId: string; origin: string }): MenuSpec[] {
  const liff = (page: string, label: string, icon: Icon): MenuButton => ({
    label,
    icon,
    action: { type: 'uri', label, uri: liffUrl(opts.liffId, page) },
  });
  const say = (text: string, label: string, icon: Icon): MenuButton => ({
    label,
    icon,
    action: { type: 'message', label, text },
  });
  const sighting = liff('sighting.html', 'แจ้งพบเด็ก', 'megaphone');
  const search = say('วิธีใช้', 'ค้นหาเด็ก', 'search');
  const shareLocation: MenuButton = {
    label: 'ส่งตำแหน่ง',
    icon: 'pin',
    action: { type: 'uri', label: 'ส่งตำแหน่ง', uri: 'https://line.me/R/nv/location/' },
  };
  const coordTabs = [
    { label: 'งานติดตาม', alias: 'panong-coord' },
    { label: 'จัดการข้อมูล', alias: 'panong-coord-admin' },
  ];
  return [
    {
      alias: MENU_ALIAS.guest,
      audience: 'guest',
      chatBarText: 'เมนู',
      buttons: [
        sighting,
        say('วิธีลงทะเบียน', 'ลงทะเบียน', 'key'),
        {
          label: 'สถานการณ์',
          icon: 'chart',
          action: { type: 'uri', label: 'สถานการณ์', uri: `${opts.origin}/liff/public.html` },
        },
      ],
    },
    {
      alias: MENU_ALIAS.field,
      audience: 'field',
      chatBarText: 'เมนูติดตามเด็ก',
      buttons: [
        search,
        liff('mycases.html', 'งานของฉัน', 'list'),
        shareLocation,
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
      buttons: [
        search,
        liff('dashboard.html', 'แดชบอร์ด', 'chart'),
        liff('assign.html', 'มอบหมายงาน', 'people'),
        liff('triage.html', 'คัดกรองแจ้งพบ', 'inbox'),
        liff('referrals.html', 'เรื่องส่งต่อ', 'handshake'),
        liff('mycases.html', 'งานของฉัน', 'list'),
      ],
    },
    {
      alias: 'panong-coord-admin',
      audience: 'coordinator',
      chatBarText: 'เมนูผู้ประสานงาน',
      tabs: coordTabs,
      buttons: [
        liff('import.html', 'นำเข้ารายชื่อ', 'upload'),
        liff('partners.html', 'หน่วยงานภาคี', 'handshake'),
        liff('mycases.html#followups', 'ติดตามหลังกลับ', 'heart'),
        sighting,
        say('ปิดแจ้งเตือน', 'ปิดแจ้งเตือน', 'key'),
        say('วิธีใช้', 'วิธีใช้', 'help'),
      ],
    },
    {
      alias: MENU_ALIAS.agency,
      audience: 'agency',
      chatBarText: 'เมนูหน่วยงานภาคี',
      buttons: [liff('referrals.html', 'เรื่องส่งต่อ', 'handshake'), search, say('วิธีใช้', 'วิธีใช้', 'help')],
    },
    {
      // Local administrations: the children of their subdistricts (list and map), their numbers and report.
      alias: MENU_ALIAS.local,
      audience: 'local',
      chatBarText: 'เมนู อปท.',
      buttons: [
        search,
        liff('mycases.html', 'ตำบลของฉัน', 'list'),
        shareLocation,
        liff('dashboard.html', 'สรุปตำบล', 'chart'),
        liff('import.html?survey=1', 'สำรวจเด็กเสี่ยง', 'upload'),
        say('วิธีใช้', 'วิธีใช้', 'help'),
      ],
    },
  ];
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
      ...(spec.tabs ?? []).map((t, i) => ({
        bounds: l.tabs[i]!,
        action: { type: 'richmenuswitch' as const, label: t.label, richMenuAliasId: t.alias, data: `tab=${t.alias}` },
      })),
      ...spec.buttons.map((b, i) => ({ bounds: l.buttons[i]!, action: b.action })),
    ],
  };
}
