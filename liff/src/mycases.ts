import {
  bangkokDate,
  formatThaiDate,
  type CaseListItem,
  type DuePlanItem,
  type FollowUpListItem,
} from '@panong/shared';
import { api } from './liffClient';
import { drawMap } from './map';
import { $, el, showMessage } from './dom';
import './style.css';

async function load(here?: { lat: number; lng: number }): Promise<void> {
  const qs = here ? `?lat=${here.lat}&lng=${here.lng}` : '';
  const { data } = await api<{ cases: CaseListItem[] }>(`/my-cases${qs}`);
  $('#cases').replaceChildren(
    ...data.cases.map((c) =>
      el(
        'li',
        { 'data-child': c.id },
        el(
          'a',
          { href: `${import.meta.env.BASE_URL}checkin.html?child=${encodeURIComponent(c.id)}` },
          el('strong', {}, c.name),
        ),
        ' ',
        el('span', { class: 'status' }, c.statusLabel),
        el(
          'div',
          { class: 'muted' },
          `${c.maskedId} · ${c.schoolName}${c.place ? ` · ${c.place}` : ''}${c.distanceKm !== undefined ? ` · ${c.distanceKm} กม.` : ''}`,
        ),
      ),
    ),
  );
  if (data.cases.length === 0) $('#cases').append(el('li', { class: 'muted' }, 'ยังไม่มีเด็กที่ได้รับมอบหมาย'));
  const pins = data.cases.flatMap((c) =>
    c.lat !== undefined && c.lng !== undefined
      ? [
          {
            lat: c.lat,
            lng: c.lng,
            status: c.status,
            href: `${import.meta.env.BASE_URL}checkin.html?child=${encodeURIComponent(c.id)}`,
          },
        ]
      : [],
  );
  if (pins.length) await drawMap($('#map'), pins);
}

/** Follow-ups of returned children: due ones first, each opening its form. */
async function loadFollowUps(): Promise<void> {
  const { data } = await api<{ followups: FollowUpListItem[] }>('/followups');
  const open = data.followups.filter((f) => !f.done);
  $('#followups').replaceChildren(
    ...open.map((f) =>
      el(
        'li',
        { 'data-followup': f.id },
        el(
          'a',
          { href: `${import.meta.env.BASE_URL}followup.html?child=${encodeURIComponent(f.childId)}` },
          el('strong', {}, f.childName),
        ),
        ' ',
        el(
          'span',
          { class: f.isDue ? 'status error' : 'status' },
          f.isDue ? `ครบกำหนด (${f.stageLabel})` : f.stageLabel,
        ),
        el('div', { class: 'muted' }, `กำหนด ${formatThaiDate(bangkokDate(f.due))}`),
      ),
    ),
  );
  if (open.length === 0) $('#followups').append(el('li', { class: 'muted' }, 'ไม่มีการติดตามที่รออยู่'));
}

/** Case-plan actions due this week or overdue, each opening the child's page (where the plan is). */
async function loadPlans(): Promise<void> {
  const { data } = await api<{ plans: DuePlanItem[] }>('/plans/due');
  $('#plans').replaceChildren(
    ...data.plans.map((p) =>
      el(
        'li',
        { 'data-plan': p.childId },
        el(
          'a',
          { href: `${import.meta.env.BASE_URL}checkin.html?child=${encodeURIComponent(p.childId)}` },
          el('strong', {}, p.childName),
        ),
        ' ',
        el('span', { class: p.overdue ? 'status error' : 'status' }, p.overdue ? 'เกินกำหนด' : 'ใกล้ครบกำหนด'),
        ...p.actions.map((a) =>
          el('div', { class: 'muted' }, `${a.what} · กำหนด ${formatThaiDate(bangkokDate(a.due))}`),
        ),
      ),
    ),
  );
  if (data.plans.length === 0) $('#plans').append(el('li', { class: 'muted' }, 'ไม่มีกิจกรรมตามแผนที่ถึงกำหนด'));
}

$('#near').addEventListener('click', () => {
  navigator.geolocation.getCurrentPosition(
    (p) => void load({ lat: p.coords.latitude, lng: p.coords.longitude }),
    () => showMessage($('#note'), 'error', 'หาตำแหน่งไม่ได้ กรุณาอนุญาตการเข้าถึงตำแหน่ง'),
  );
});
load().catch((err: unknown) => showMessage($('#note'), 'error', err instanceof Error ? err.message : 'โหลดไม่สำเร็จ'));
loadFollowUps().catch(() => undefined);
loadPlans().catch(() => undefined);
