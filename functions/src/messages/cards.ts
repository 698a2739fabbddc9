import { bangkokDate, formatThaiDate, summarize, weekStart, type OpenWork, type StatusCounts } from '@panong/shared';
import { liffUrl } from '../config';
import type { Message } from '../ports/line';

/** A short note with one button that opens a page (LINE's buttons template: its text is cut at 160). */
export function linkCard(text: string, link: { label: string; uri: string }, altText = text): Message {
  return {
    type: 'template',
    altText,
    template: { type: 'buttons', text: text.slice(0, 160), actions: [{ type: 'uri', ...link }] },
  };
}

/** Transfers of the unit, only where it has any: moved in and out (accepted), and waiting for the other area. */
function transferRows(stats: Record<string, unknown>, pending: number): Array<[string, number]> {
  const rows: Array<[string, number]> = [
    ['ย้ายเข้า (รับแล้ว)', Number(stats.transfer_in ?? 0)],
    ['ย้ายออก (รับแล้ว)', Number(stats.transfer_out ?? 0)],
    ['ย้ายออก รอเขตปลายทางรับ', pending],
  ];
  return rows.some(([, n]) => n > 0) ? rows : [];
}

/** The Monday / Friday Flex card: the unit's numbers on the report day and a button to its dashboard. */
export function reminderCard(
  kind: 'monday' | 'friday',
  runDate: string,
  stats: Partial<StatusCounts> & Record<string, unknown>,
  liffId: string,
  work: OpenWork,
): Message {
  const s = summarize(stats);
  const lastWeek = weekStart(new Date(bangkokDate(runDate).getTime() - 7 * 86_400_000));
  const changes = Number(stats[`changed_${lastWeek}`] ?? 0);
  const title = kind === 'monday' ? 'วันนี้ส่งรายงานโรงเรียน → สพท.' : 'วันนี้ส่งรายงาน สพท. → สพฐ.';
  const row = (label: string, value: number) => ({
    type: 'box' as const,
    layout: 'baseline' as const,
    contents: [
      { type: 'text' as const, text: label, size: 'sm', color: '#555555', flex: 4 },
      {
        type: 'text' as const,
        text: value.toLocaleString('th-TH'),
        size: 'sm',
        align: 'end' as const,
        weight: 'bold' as const,
        flex: 2,
      },
    ],
  });
  return {
    type: 'flex',
    altText: `${title} ${formatThaiDate(bangkokDate(runDate))}: ยังไม่ติดตาม ${s.notTracked} จาก ${s.toTrack} ราย`,
    contents: {
      type: 'bubble',
      header: {
        type: 'box',
        layout: 'vertical',
        contents: [
          { type: 'text', text: title, weight: 'bold', wrap: true },
          { type: 'text', text: formatThaiDate(bangkokDate(runDate)), size: 'sm', color: '#888888' },
        ],
      },
      body: {
        type: 'box',
        layout: 'vertical',
        spacing: 'sm',
        contents: [
          row('เป้าหมายติดตาม', s.toTrack),
          row('ยังไม่ได้ติดตาม', s.notTracked),
          row('พบตัว', s.found),
          row('ไม่พบตัว', s.notFound),
          row('กลับเข้าเรียนแล้ว', s.returned),
          row('เปลี่ยนแปลงสัปดาห์ที่แล้ว', changes),
          row('ส่งต่อหน่วยงานเกินกำหนด', work.overdue),
          row('ติดตามหลังกลับเข้าเรียนครบกำหนด', work.followUpsDue),
          row('แผนช่วยเหลือถึงกำหนด', work.planActionsDue),
          row('พบตัวแต่ยังไม่มีแผน', s.withoutPlan),
          ...transferRows(stats, s.transferringOut).map(([label, n]) => row(label, n)),
        ],
      },
      footer: {
        type: 'box',
        layout: 'vertical',
        contents: [
          {
            type: 'button',
            style: 'primary',
            action: { type: 'uri', label: 'เปิดแดชบอร์ด', uri: liffUrl(liffId, 'dashboard.html') },
          },
        ],
      },
    },
  };
}
