import { percentOf, type CountsView, type Summary } from '@panong/shared';
import { el } from './dom';

/** Renders headline numbers and a per-unit table with bars; shared by the dashboard and the public page. */
export const GROUP_OPTIONS = (labels: Record<string, string>) => [
  el('option', { value: '' }, 'ทุกกลุ่ม'),
  ...Object.entries(labels).map(([g, l]) => el('option', { value: g }, l)),
];

/**
 * The group and round filters of a counts page: fills the group choices, keeps the round choices to
 * the rounds the data has, and calls `load` with the query string when either changes.
 */
export function segmentFilters(
  load: (query: string) => void,
  groupLabels: Record<string, string>,
): { query(): string; setRounds(rounds: string[]): void } {
  const group = document.getElementById('group') as HTMLSelectElement;
  const round = document.getElementById('round') as HTMLSelectElement;
  group.replaceChildren(...GROUP_OPTIONS(groupLabels));
  round.replaceChildren(el('option', { value: '' }, 'ทุกรอบ'));
  const query = () =>
    group.value
      ? `?group=${encodeURIComponent(group.value)}`
      : round.value
        ? `?round=${encodeURIComponent(round.value)}`
        : '';
  group.addEventListener('change', () => ((round.value = ''), load(query())));
  round.addEventListener('change', () => ((group.value = ''), load(query())));
  return {
    query,
    setRounds(rounds) {
      if (round.options.length - 1 === rounds.length) return;
      round.replaceChildren(
        el('option', { value: '' }, 'ทุกรอบ'),
        ...rounds.map((r) => el('option', { value: r }, `รอบ ${r}`)),
      );
    },
  };
}
type Count = { [K in keyof Summary]: Summary[K] extends number ? K : never }[keyof Summary];
const LABELS: Array<[Count, string]> = [
  ['toTrack', 'เป้าหมายติดตาม'],
  ['notTracked', 'ยังไม่ได้ติดตาม'],
  ['found', 'พบตัว'],
  ['notFound', 'ไม่พบตัว'],
  ['returned', 'กลับเข้าเรียน'],
  ['referred', 'ส่งต่อหน่วยงาน'],
  ['stillAttending', 'ยังเรียนอยู่ (ติดตามล่าสุด)'],
  ['reDropouts', 'หลุดจากระบบซ้ำ'],
  ['withoutPlan', 'พบตัวแต่ยังไม่มีแผนช่วยเหลือ'],
];
const fmt = (n: number) => n.toLocaleString('th-TH');

const pct = (part: number, whole: number) => {
  const p = percentOf(part, whole);
  return p === null ? '–' : `${p}%`;
};

/** What a supervisor asks for: how fast the first visit comes, and how many found children return and stay. */
function programmeCards(s: Summary): HTMLElement[] {
  const days = (d: number | null) => (d === null ? '–' : d > 365 ? 'เกิน 1 ปี' : `${d} วัน`);
  return [
    ['firstVisit', 'เยี่ยมครั้งแรกภายใน (มัธยฐาน / 90%)', `${days(s.firstVisitMedianDays)} / ${days(s.firstVisitP90Days)}`],
    ['foundReturned', 'พบตัว → กลับเข้าเรียน', pct(s.returned, s.found)],
    ['returnedAttending', 'กลับเข้าเรียน → ยังเรียนอยู่', pct(s.stillAttending, s.returned)],
  ].map(([k, label, value]) =>
    el('div', { class: 'card stat', 'data-stat': k! }, el('div', { class: 'muted' }, label!), el('strong', {}, value!)),
  );
}

export function renderCounts(view: CountsView, rowsTitle: string): void {
  document.getElementById('scope')!.textContent = view.scope;
  document
    .getElementById('summary')!
    .replaceChildren(
      ...LABELS.map(([k, label]) =>
        el(
          'div',
          { class: 'card stat', 'data-stat': k },
          el('div', { class: 'muted' }, label),
          el('strong', {}, fmt(view.summary[k])),
        ),
      ),
    );
  document.getElementById('summary')!.append(...programmeCards(view.summary));
  if (view.work) {
    document
      .getElementById('summary')!
      .append(
        el(
          'div',
          { class: 'card stat', 'data-stat': 'overdue' },
          el('div', { class: 'muted' }, 'ส่งต่อเกินกำหนด'),
          el('strong', {}, fmt(view.work.overdue)),
        ),
        el(
          'div',
          { class: 'card stat', 'data-stat': 'followUpsDue' },
          el('div', { class: 'muted' }, 'ติดตามหลังกลับเข้าเรียนครบกำหนด'),
          el('strong', {}, fmt(view.work.followUpsDue)),
        ),
        el(
          'div',
          { class: 'card stat', 'data-stat': 'planActionsDue' },
          el('div', { class: 'muted' }, 'แผนช่วยเหลือถึงกำหนด'),
          el('strong', {}, fmt(view.work.planActionsDue)),
        ),
      );
  }
  document.getElementById('rowsTitle')!.textContent = view.rows.length ? rowsTitle : '';
  const missing = document.getElementById('coords');
  if (missing) {
    missing.textContent = view.schoolsWithoutCoords
      ? `โรงเรียน ${fmt(view.schoolsWithoutCoords)} แห่งยังไม่มีพิกัด: นำเข้าทำเนียบโรงเรียน ` +
        `(npm run schools) เพื่อให้การแจ้งพบเด็กและ "งานของฉัน" ใช้ระยะทางได้`
      : '';
  }
  const max = Math.max(1, ...view.rows.map((r) => r.summary.toTrack));
  document.getElementById('rows')!.replaceChildren(
    ...view.rows
      .sort((a, b) => b.summary.notTracked - a.summary.notTracked)
      .map((r) => {
        const bar = (n: number, cls: string) => {
          const b = el('span', { class: `bar ${cls}`, title: fmt(n) });
          b.style.width = `${(100 * n) / max}%`;
          return b;
        };
        return el(
          'div',
          { class: 'unit', 'data-code': r.code },
          el(
            'div',
            {},
            el('strong', {}, r.name),
            ' ',
            el(
              'span',
              { class: 'muted' },
              `ยังไม่ติดตาม ${fmt(r.summary.notTracked)} / ` +
                `${fmt(r.summary.toTrack)} · กลับเข้าเรียน ${fmt(r.summary.returned)}`,
            ),
            r.schoolsWithoutCoords
              ? el('span', { class: 'muted nocoords' }, ` · ไม่มีพิกัด ${fmt(r.schoolsWithoutCoords)} โรงเรียน`)
              : null,
          ),
          el(
            'div',
            { class: 'bars' },
            bar(r.summary.returned, 'returned'),
            bar(r.summary.found - r.summary.returned, 'found'),
            bar(r.summary.notFound, 'notfound'),
            bar(r.summary.notTracked, 'nottracked'),
          ),
        );
      }),
  );
}
