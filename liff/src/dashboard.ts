import { api, download } from './liffClient';
import { renderCounts, type CountsView } from './counts';
import { el } from './dom';
import './style.css';

async function main(): Promise<void> {
  try {
    const { data } = await api<CountsView>('/dashboard');
    renderCounts(data, 'แยกตามหน่วยย่อย (เรียงตามจำนวนที่ยังไม่ติดตาม)');
  } catch (err) {
    document.getElementById('scope')!.replaceChildren(el('span', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : 'โหลดไม่สำเร็จ'));
  }
}
for (const b of document.querySelectorAll<HTMLButtonElement>('#reports button')) {
  b.addEventListener('click', () => {
    const { kind, format } = b.dataset as { kind: string; format: string };
    download(`/reports/weekly?kind=${kind}&format=${format}`, `panong-${kind}.${format}`).catch((err: unknown) =>
      document.getElementById('scope')!.replaceChildren(el('span', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : 'ดาวน์โหลดไม่สำเร็จ')),
    );
  });
}

void main();
