import { api, download } from './liffClient';
import { LIST_GROUP_LABEL } from '@panong/shared';
import { GROUP_OPTIONS, renderCounts, type CountsView } from './counts';
import { el } from './dom';
import './style.css';

const groupPicker = document.getElementById('group') as HTMLSelectElement;
groupPicker.replaceChildren(...GROUP_OPTIONS(LIST_GROUP_LABEL));
groupPicker.addEventListener('change', () => void main());

async function main(): Promise<void> {
  try {
    const { data } = await api<CountsView>(`/dashboard${groupPicker.value ? `?group=${groupPicker.value}` : ''}`);
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

const COLOR: Record<string, string> = { area: '#1f7ae0', found: '#1f7ae0', returned: '#1e9e5a', referred: '#7b4bd1', not_found: '#d9822b', forwarded: '#b0578f' };

/** Pins drawn on plain coordinates (no map tiles: nothing is loaded from outside). */
async function drawMap(): Promise<void> {
  const { data } = await api<{ points: Array<{ lat: number; lng: number; status: string; count?: number; name?: string }> }>('/dashboard/map');
  const box = document.getElementById('map')!;
  if (data.points.length === 0) return void box.replaceChildren(el('p', { class: 'muted' }, 'ยังไม่มีการปักหมุด'));
  const lats = data.points.map((p) => p.lat), lngs = data.points.map((p) => p.lng);
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const pad = 0.01;
  const x = (lng: number) => 10 + (280 * (lng - minLng + pad)) / (maxLng - minLng + 2 * pad);
  const y = (lat: number) => 10 + (180 * (maxLat - lat + pad)) / (maxLat - minLat + 2 * pad);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 300 200');
  svg.setAttribute('role', 'img');
  const pins = data.points.reduce((n, p) => n + (p.count ?? 1), 0);
  svg.setAttribute('aria-label', `ปักหมุด ${pins} จุด`);
  svg.style.background = '#eef3f8';
  for (const p of data.points) {
    const c = document.createElementNS(ns, 'circle');
    c.setAttribute('cx', String(x(p.lng)));
    c.setAttribute('cy', String(y(p.lat)));
    // Nationally each point is an area's pins around their mean position, sized by how many.
    c.setAttribute('r', String(p.count ? Math.min(14, 3 + Math.sqrt(p.count)) : 3.5));
    c.setAttribute('fill', COLOR[p.status] ?? '#666');
    c.setAttribute('fill-opacity', p.count ? '0.6' : '1');
    c.setAttribute('class', 'pin');
    if (p.name) {
      const title = document.createElementNS(ns, 'title');
      title.textContent = `${p.name}: ${p.count} หมุด`;
      c.append(title);
    }
    svg.append(c);
  }
  box.replaceChildren(svg);
}

void main();
void drawMap().catch(() => undefined);
