import type { SightingQueueItem } from '@panong/shared';
import { api } from './liffClient';
import { $, el, showMessage } from './dom';
import { drawMap } from './map';
import './style.css';

const SEX: Record<string, string> = { male: 'ชาย', female: 'หญิง', unknown: 'ไม่ทราบเพศ' };

async function act(item: SightingQueueItem, body: Record<string, unknown>, card: HTMLElement): Promise<void> {
  try {
    await api(`/sightings/${encodeURIComponent(item.id)}/triage`, { method: 'POST', body });
    card.replaceChildren(el('p', { class: 'ok' }, `${item.ref}: บันทึกแล้ว`));
  } catch (err) {
    showMessage(card.querySelector<HTMLElement>('.result')!, 'error', err instanceof Error ? err.message : 'ไม่สำเร็จ');
  }
}

function card(item: SightingQueueItem): HTMLElement {
  const box = el('section', { class: 'card', 'data-sighting': item.id });
  const reason = el('input', { placeholder: 'เหตุผลที่ปิดเรื่อง', maxlength: '300' }) as HTMLInputElement;
  const first = el('input', { placeholder: 'ชื่อ', maxlength: '100' }) as HTMLInputElement;
  const last = el('input', { placeholder: 'นามสกุล', maxlength: '100' }) as HTMLInputElement;
  const school = el('input', { placeholder: 'รหัสโรงเรียน', inputmode: 'numeric' }) as HTMLInputElement;
  const button = (label: string, cls: string, onClick: () => void) => {
    const b = el('button', { type: 'button', class: cls }, label);
    b.addEventListener('click', onClick);
    return b;
  };
  box.append(
    el('h2', {}, `${item.ref} · ${item.place}`),
    el(
      'p',
      { class: 'muted' },
      `${new Date(item.createdAt).toLocaleString('th-TH')} · ` +
        `${item.approxAge ? `อายุราว ${item.approxAge} ปี · ` : ''}${SEX[item.sex] ?? ''}`,
    ),
    el('p', { class: 'description' }, item.description),
    item.childName ? el('p', {}, 'ชื่อที่ผู้แจ้งให้มา: ', el('strong', {}, item.childName)) : '',
    el('h2', {}, 'เด็กในรายชื่อที่อาจตรงกัน'),
    ...(item.suggestions.length
      ? item.suggestions.map((s) =>
          el(
            'div',
            { class: 'unit' },
            `${s.name} (${s.maskedId}) · ${s.schoolName} · ` +
              `${s.statusLabel}${s.distanceKm !== undefined ? ` · ห่าง ${s.distanceKm} กม.` : ''}`,
            button('เชื่อมกับเด็กคนนี้', 'secondary', () => void act(item, { action: 'link', childId: s.childId }, box)),
          ),
        )
      : [el('p', { class: 'muted' }, 'ไม่พบรายชื่อที่ตรงกัน')]),
    el('h2', {}, 'เปิดเรื่องเด็กตกหล่นรายใหม่'),
    el('div', { class: 'row' }, first, last),
    school,
    button(
      'สร้างเรื่องใหม่',
      '',
      () =>
        void act(
          item,
          { action: 'create', firstName: first.value, lastName: last.value, schoolCode: school.value.trim() },
          box,
        ),
    ),
    el('h2', {}, 'ปิดเรื่อง'),
    reason,
    button('ปิดเรื่อง', 'secondary', () => void act(item, { action: 'dismiss', reason: reason.value }, box)),
    el('div', { class: 'result' }),
  );
  return box;
}

api<{ queue: SightingQueueItem[] }>('/triage')
  .then(({ data }) => {
    $('#queue').replaceChildren(...data.queue.map(card));
    // Where the reports are, on the map: a pin per report, its popup naming the reference.
    const pins = data.queue.flatMap((i) =>
      i.location ? [{ ...i.location, status: 'received', name: `${i.ref} ${i.place}`, count: 1 }] : [],
    );
    if (pins.length) void drawMap($('#map'), pins);
    if (data.queue.length === 0) $('#queue').append(el('p', { class: 'muted' }, 'ไม่มีเรื่องรอคัดกรอง'));
  })
  .catch((err: unknown) => showMessage($('#notice'), 'error', err instanceof Error ? err.message : 'โหลดไม่สำเร็จ'));
