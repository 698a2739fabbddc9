import type { messagingApi } from '@line/bot-sdk';
import { maskNationalId, STATUS_LABEL, type Child, type Status } from '@panong/shared';
import { liffUrl } from '../config';

type Message = messagingApi.Message;
type FlexBubble = messagingApi.FlexBubble;
type QuickReplyItem = messagingApi.QuickReplyItem;

const STATUS_COLOR: Record<Status, string> = {
  not_tracked: '#8a8a8a',
  found: '#1f7ae0',
  not_found: '#d9822b',
  returned: '#1e9e5a',
  referred: '#7b4bd1',
  forwarded: '#b0578f',
  moved_abroad: '#555555',
  deceased: '#555555',
  duplicate: '#555555',
  already_enrolled: '#1e9e5a',
  moved: '#2b8a9e',
};

export const quick = (label: string, text: string): QuickReplyItem => ({
  type: 'action',
  action: { type: 'message', label, text },
});
const HELP_QUICK: QuickReplyItem[] = [quick('วิธีใช้', 'วิธีใช้')];

export function text(body: string, quickReply: QuickReplyItem[] = HELP_QUICK): Message {
  return {
    type: 'text',
    text: body.slice(0, 5000),
    ...(quickReply.length ? { quickReply: { items: quickReply } } : {}),
  };
}

export const HELP_TEXT = [
  'พาน้องกลับมาเรียน — วิธีใช้',
  '• พิมพ์ชื่อเด็ก (บางส่วนก็ได้) เลขประจำตัวประชาชน 13 หลัก หรือรหัส G เพื่อค้นหาเด็กในความรับผิดชอบ',
  '• กด "บันทึกการติดตาม" เพื่อบันทึกผลและตำแหน่ง',
  '• กด "ส่งตำแหน่ง" แล้วแชร์ตำแหน่งจาก LINE เพื่อปักหมุดที่อยู่ของเด็ก',
  '• ลงทะเบียนด้วยรหัสจากผู้ประสานงาน: ลงทะเบียน <รหัส>',
  '• ปิดแจ้งเตือน / เปิดแจ้งเตือน: การแจ้งเตือนรายงานวันจันทร์และวันศุกร์',
  '• แจ้งพบเด็ก: พบเด็กที่น่าจะไม่ได้เรียนหนังสือ แจ้งได้ทุกคน ไม่ต้องลงทะเบียน',
].join('\n');

export const NOT_REGISTERED_TEXT = 'คุณยังไม่ได้ลงทะเบียน กรุณาขอรหัสจากผู้ประสานงาน แล้วพิมพ์\nลงทะเบียน <รหัส>';

function childBubble(child: Child, liffId: string): FlexBubble {
  const row = (label: string, value: string): messagingApi.FlexComponent => ({
    type: 'box',
    layout: 'baseline',
    spacing: 'sm',
    contents: [
      { type: 'text', text: label, size: 'sm', color: '#8a8a8a', flex: 2 },
      { type: 'text', text: value.slice(0, 120) || '-', size: 'sm', wrap: true, flex: 5 },
    ],
  });
  return {
    type: 'bubble',
    size: 'kilo',
    header: {
      type: 'box',
      layout: 'vertical',
      contents: [
        {
          type: 'text',
          text: `${child.firstName} ${child.lastName}`.slice(0, 80),
          weight: 'bold',
          size: 'md',
          wrap: true,
        },
        {
          type: 'text',
          text: STATUS_LABEL[child.status],
          size: 'sm',
          color: STATUS_COLOR[child.status],
          weight: 'bold',
        },
      ],
    },
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: [
        row('เลขประจำตัว', maskNationalId(child.nationalId)),
        row('โรงเรียน', child.schoolName),
        row('ชั้น', child.grade ?? '-'),
      ],
    },
    footer: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: [
        {
          type: 'button',
          style: 'primary',
          height: 'sm',
          action: { type: 'uri', label: 'บันทึกการติดตาม', uri: liffUrl(liffId, 'checkin.html', { child: child.id }) },
        },
        {
          type: 'button',
          style: 'secondary',
          height: 'sm',
          action: {
            type: 'postback',
            label: 'ส่งตำแหน่ง',
            data: `action=select&child=${child.id}`,
            displayText: 'ส่งตำแหน่งของเด็กคนนี้',
          },
        },
      ],
    },
  };
}

export function searchResults(children: Child[], total: number, liffId: string): Message[] {
  const head =
    total > children.length
      ? `พบ ${total} รายการ แสดง ${children.length} รายการแรก พิมพ์ชื่อและนามสกุลให้ละเอียดขึ้นเพื่อจำกัดผล`
      : `พบ ${total} รายการ`;
  return [
    text(head, []),
    {
      type: 'flex',
      altText: `ผลการค้นหา ${children.length} รายการ`,
      contents: { type: 'carousel', contents: children.map((c) => childBubble(c, liffId)) },
    },
  ];
}

export function askLocation(child: Child): Message {
  return text(`กดปุ่ม "ส่งตำแหน่ง" ด้านล่าง แล้วเลือกตำแหน่งที่พบ ${child.firstName} ${child.lastName}`, [
    { type: 'action', action: { type: 'location', label: 'ส่งตำแหน่ง' } },
  ]);
}

export function locationSaved(child: Child, liffId: string): Message {
  return {
    type: 'template',
    altText: `บันทึกตำแหน่งของ ${child.firstName} แล้ว`,
    template: {
      type: 'buttons',
      text: `บันทึกตำแหน่งของ ${child.firstName} ${child.lastName} แล้ว ✅`.slice(0, 160),
      actions: [{ type: 'uri', label: 'บันทึกผลการติดตาม', uri: liffUrl(liffId, 'checkin.html', { child: child.id }) }],
    },
  };
}

export function sightingInvite(liffId: string): Message {
  return {
    type: 'template',
    altText: 'แจ้งพบเด็กที่อาจไม่ได้เรียนหนังสือ',
    template: {
      type: 'buttons',
      text: 'พบเด็กที่น่าจะไม่ได้ไปโรงเรียน? แจ้งตำแหน่งและสิ่งที่เห็น เจ้าหน้าที่เขตพื้นที่จะติดตามต่อ',
      actions: [{ type: 'uri', label: 'แจ้งพบเด็ก', uri: liffUrl(liffId, 'sighting.html') }],
    },
  };
}
