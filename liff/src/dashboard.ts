import { api } from './liffClient';
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
void main();
