import type { DuplicateSide, DuplicateView } from '@panong/shared';
import { api } from './liffClient';
import { $, el, showMessage } from './dom';
import './style.css';

/** Area coordinators and admins decide the probable duplicates of their scope: merge (keeping one side) or distinct. */
async function decide(d: DuplicateView, body: Record<string, string>, done: string): Promise<void> {
  try {
    await api(`/duplicates/${encodeURIComponent(d.id)}`, { method: 'POST', body });
    await load(done);
  } catch (err) {
    showMessage($('#result'), 'error', err instanceof Error ? err.message : 'บันทึกไม่สำเร็จ');
  }
}

const describe = (s: DuplicateSide) =>
  el(
    'div',
    { class: 'side' },
    el('strong', {}, s.name),
    el(
      'div',
      { class: 'muted' },
      `${s.maskedId} · ${s.schoolName}${s.grade ? ` · ${s.grade}` : ''} · ${s.statusLabel}`,
    ),
  );

function item(d: DuplicateView): HTMLElement {
  const keep = (s: DuplicateSide) => {
    const b = el('button', { type: 'button' }, `รวม: เก็บ ${s.maskedId}`);
    b.addEventListener('click', () => void decide(d, { action: 'merge', keep: s.id }, `รวม ${s.name} เป็นรายเดียวแล้ว`));
    return b;
  };
  const distinct = el('button', { type: 'button', class: 'secondary' }, 'เป็นคนละคน');
  distinct.addEventListener('click', () => void decide(d, { action: 'distinct' }, 'บันทึกว่าเป็นคนละคนแล้ว'));
  return el(
    'li',
    { 'data-pair': d.id },
    el('div', {}, d.reasonLabel),
    ...d.sides.map(describe),
    el('div', { class: 'actions' }, ...d.sides.map(keep), distinct),
  );
}

async function load(message?: string): Promise<void> {
  const { data } = await api<{ duplicates: DuplicateView[] }>('/duplicates');
  $('#duplicates').replaceChildren(...data.duplicates.map(item));
  if (data.duplicates.length === 0) $('#duplicates').append(el('li', { class: 'muted' }, 'ไม่มีรายการที่อาจซ้ำ'));
  if (message) showMessage($('#result'), 'ok', message);
}

load().catch((err: unknown) => showMessage($('#result'), 'error', err instanceof Error ? err.message : 'โหลดไม่สำเร็จ'));
