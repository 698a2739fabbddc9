import type { TrendWeek } from '@panong/shared';
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

const SERIES: Array<[keyof TrendWeek, string, string]> = [
  ['found', 'พบตัว', '#1f7ae0'],
  ['returned', 'กลับเข้าเรียน', '#1e9e5a'],
  ['notTracked', 'ยังไม่ได้ติดตาม', '#8a96a3'],
];

/** Found / returned / not yet tracked over the weeks (Chart.js line chart); a note when there is no history yet. */
export function drawTrend(box: HTMLElement, weeks: TrendWeek[]): void {
  if (weeks.length === 0) return void (box.textContent = 'ยังไม่มีข้อมูลรายสัปดาห์ (บันทึกทุกคืนวันอาทิตย์)');
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute(
    'aria-label',
    `แนวโน้ม ${weeks.length} สัปดาห์ ล่าสุด ${weeks.at(-1)!.label}: ` +
      `พบตัว ${weeks.at(-1)!.found} กลับเข้าเรียน ${weeks.at(-1)!.returned}`,
  );
  box.replaceChildren(canvas);
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: weeks.map((w) => w.label),
      datasets: SERIES.map(([key, label, color]) => ({
        label,
        data: weeks.map((w) => Number(w[key])),
        borderColor: color,
        backgroundColor: color,
        tension: 0.2,
      })),
    },
    options: {
      responsive: true,
      animation: false,
      plugins: { legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true } },
    },
  });
}
