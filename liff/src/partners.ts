import { CAUSE_LABEL, type PartnerListItem, type PartnerImportReport } from '@panong/shared';
import { api } from './liffClient';
import { $, el, showMessage } from './dom';
import { parseListFile } from './listFile';
import './style.css';

const ROWS_PER_REQUEST = 50;

async function load(): Promise<void> {
  const { data } = await api<{ partners: PartnerListItem[] }>('/partners');
  $('#partners').replaceChildren(
    ...data.partners.map((p) =>
      el(
        'li',
        { 'data-partner': p.id },
        el('strong', {}, p.name),
        el(
          'div',
          { class: 'muted' },
          `${p.id} · จังหวัด${p.province} · ${p.kindLabel}${p.areas.length ? ` · เขต ${p.areas.join(', ')}` : ''}`,
        ),
        el(
          'div',
          {},
          `รับสาเหตุ: ${p.causes.map((c) => CAUSE_LABEL[c as keyof typeof CAUSE_LABEL] ?? c).join(', ') || 'ทุกสาเหตุ'}`,
        ),
        p.contact ? el('div', { class: 'muted' }, `ติดต่อ ${p.contact}`) : null,
      ),
    ),
  );
  if (data.partners.length === 0) $('#partners').append(el('li', { class: 'muted' }, 'ยังไม่มีหน่วยงานภาคี'));
}

$('#form').addEventListener('submit', (e) => {
  e.preventDefault();
  const file = ($('#file') as HTMLInputElement).files?.[0];
  if (!file) return showMessage($('#result'), 'error', 'กรุณาเลือกไฟล์');
  void (async () => {
    const rows = await parseListFile(file);
    const total: PartnerImportReport = { rows: 0, created: 0, updated: 0, errors: [] };
    for (let i = 0; i < rows.length; i += ROWS_PER_REQUEST) {
      const { data } = await api<PartnerImportReport>('/partners', {
        method: 'POST',
        body: { rows: rows.slice(i, i + ROWS_PER_REQUEST) },
      });
      total.rows += data.rows;
      total.created += data.created;
      total.updated += data.updated;
      total.errors.push(...data.errors.map((x) => ({ ...x, row: x.row + i })));
    }
    showMessage(
      $('#result'),
      total.errors.length ? 'error' : 'ok',
      `อ่าน ${total.rows} แถว: เพิ่มใหม่ ${total.created} ปรับปรุง ${total.updated} ผิดพลาด ${total.errors.length}`,
    );
    $('#errors').replaceChildren(...total.errors.map((x) => el('li', {}, `แถว ${x.row}: ${x.message}`)));
    await load();
  })().catch((err: unknown) =>
    showMessage($('#result'), 'error', err instanceof Error ? err.message : 'โหลดไฟล์ไม่สำเร็จ'),
  );
});

load().catch((err: unknown) => showMessage($('#result'), 'error', err instanceof Error ? err.message : 'โหลดไม่สำเร็จ'));
