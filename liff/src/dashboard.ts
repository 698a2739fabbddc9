import type { CountsView, TrendWeek } from '@panong/shared';
import { api, download } from './liffClient';
import { LIST_GROUP_LABEL, type MapPoint } from '@panong/shared';
import { renderCounts, segmentFilters } from './counts';
import { el } from './dom';
import { drawMap } from './map';
import { drawTrend } from './trend';
import './style.css';

const filters = segmentFilters(() => void main(), LIST_GROUP_LABEL);

async function main(): Promise<void> {
  try {
    const { data } = await api<CountsView>(`/dashboard${filters.query()}`);
    filters.setRounds(data.rounds ?? []);
    renderCounts(data, 'แยกตามหน่วยย่อย (เรียงตามจำนวนที่ยังไม่ติดตาม)');
    renderWorkers(data.workers);
  } catch (err) {
    document
      .getElementById('scope')!
      .replaceChildren(
        el('span', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : 'โหลดไม่สำเร็จ'),
      );
  }
}
/** Coordinators: open cases per field worker, the most loaded first. */
function renderWorkers(workers: CountsView['workers']): void {
  const card = document.getElementById('workersCard')!;
  card.classList.toggle('hidden', !workers?.length);
  document
    .getElementById('workers')!
    .replaceChildren(
      ...(workers ?? []).map((w) =>
        el(
          'div',
          { class: 'row', 'data-worker': w.name },
          el('span', {}, `${w.name}${w.role ? ` (${w.role})` : ''}`),
          el('strong', {}, `${w.open.toLocaleString('th-TH')} คน`),
        ),
      ),
    );
}

// A local administration's officer downloads its own report; the Monday and Friday ones are the schools' and areas'.
void api<{ role: string }>('/me').then(
  ({ data }) => {
    const officer = data.role === 'local_admin';
    for (const b of document.querySelectorAll<HTMLButtonElement>('#reports button'))
      b.classList.toggle('hidden', officer !== (b.dataset.kind === 'local'));
  },
  () => undefined,
);
for (const b of document.querySelectorAll<HTMLButtonElement>('#reports button')) {
  b.addEventListener('click', () => {
    const { kind, format } = b.dataset as { kind: string; format: string };
    download(`/reports/weekly?kind=${kind}&format=${format}`, `panong-${kind}.${format}`).catch((err: unknown) =>
      document
        .getElementById('scope')!
        .replaceChildren(
          el('span', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : 'ดาวน์โหลดไม่สำเร็จ'),
        ),
    );
  });
}

/**
 * Latest check-ins on a tiled map: pins of the viewer's schools (each opens its child), areas' aggregates nationally.
 */
async function showMap(): Promise<void> {
  const { data } = await api<{ points: MapPoint[] }>('/dashboard/map');
  const points = data.points.map((p) => ({
    ...p,
    ...(p.childId ? { href: `${import.meta.env.BASE_URL}checkin.html?child=${encodeURIComponent(p.childId)}` } : {}),
  }));
  await drawMap(document.getElementById('map')!, points);
  document.getElementById('mapNote')!.textContent = points.length
    ? `ปักหมุด ${points.reduce((n, p) => n + (p.count ?? 1), 0).toLocaleString('th-TH')} จุด`
    : 'ยังไม่มีการปักหมุด';
}

async function showTrend(): Promise<void> {
  const { data } = await api<{ weeks: TrendWeek[] }>('/dashboard/trend');
  drawTrend(document.getElementById('trend')!, data.weeks);
}

void main();
void showTrend().catch(() => undefined);
void showMap().catch(() => undefined);
