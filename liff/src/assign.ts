import type { Roster } from '@panong/shared';
import { api } from './liffClient';
import { $, el, showMessage } from './dom';
import './style.css';

async function loadRoster(): Promise<void> {
  const school = ($('#school') as HTMLInputElement).value.trim();
  if (!school) return;
  const { data } = await api<Roster>(`/schools/${encodeURIComponent(school)}/roster`);
  const names = new Map(data.workers.map((w) => [w.id, w.name]));
  $('#worker').replaceChildren(...data.workers.map((w) => el('option', { value: w.id }, w.name)));
  $('#children').replaceChildren(
    ...data.children.map((c) =>
      el(
        'label',
        { class: 'unit', style: 'font-weight:400' },
        el('input', {
          type: 'checkbox',
          value: c.id,
          style: 'width:auto',
          'data-assigned': String(c.assigneeIds.length > 0),
        }),
        ` ${c.name} (${c.maskedId}) · ${c.statusLabel}`,
        el(
          'span',
          { class: 'muted' },
          c.assigneeIds.length
            ? ` · ผู้รับผิดชอบ: ${c.assigneeIds.map((id) => names.get(id) ?? 'ผู้ใช้อื่น').join(', ')}`
            : ' · ยังไม่มอบหมาย',
        ),
      ),
    ),
  );
  if (data.children.length === 0) $('#children').append(el('p', { class: 'muted' }, 'ไม่พบเด็กของโรงเรียนนี้ในพื้นที่ของคุณ'));
}

function boxes(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>('#children input[type=checkbox]')];
}

async function main(): Promise<void> {
  const { data: me } = await api<{ schoolCode: string | null }>('/me');
  if (me.schoolCode) ($('#school') as HTMLInputElement).value = me.schoolCode;
  $('#school').addEventListener('change', () => void loadRoster().catch(fail));
  $('#all').addEventListener('change', (e) => {
    for (const b of boxes()) if (b.dataset.assigned === 'false') b.checked = (e.target as HTMLInputElement).checked;
  });
  $('#form').addEventListener('submit', (e) => {
    e.preventDefault();
    const childIds = boxes()
      .filter((b) => b.checked)
      .map((b) => b.value);
    const button = $('#submit') as HTMLButtonElement;
    button.disabled = true;
    api<{ changed: number; skipped: number }>('/assignments', {
      method: 'POST',
      body: { childIds, assigneeId: ($('#worker') as HTMLSelectElement).value },
    })
      .then(({ data }) => {
        showMessage(
          $('#result'),
          'ok',
          `มอบหมายแล้ว ${data.changed} คน${data.skipped ? ` (ข้าม ${data.skipped} คนที่ไม่อยู่ในพื้นที่ของคุณ)` : ''}`,
        );
        return loadRoster();
      })
      .catch(fail)
      .finally(() => (button.disabled = false));
  });
  await loadRoster();
}

function fail(err: unknown): void {
  showMessage($('#result'), 'error', err instanceof Error ? err.message : 'ไม่สำเร็จ');
}

main().catch(fail);
