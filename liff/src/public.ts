import { LIST_GROUP_LABEL } from '@panong/shared';
import { GROUP_OPTIONS, renderCounts, type CountsView } from './counts';
import { drawTrend, type Week } from './trend';
import './style.css';

/** Public page: aggregate counters only, no login; optionally one list group. */
const groupPicker = document.getElementById('group') as HTMLSelectElement;
groupPicker.replaceChildren(...GROUP_OPTIONS(LIST_GROUP_LABEL));
groupPicker.addEventListener('change', () => void main());

async function main(): Promise<void> {
  const res = await fetch(`/public/stats${groupPicker.value ? `?group=${groupPicker.value}` : ''}`);
  renderCounts((await res.json()) as CountsView, 'แยกตามเขตพื้นที่การศึกษา');
}
void main();
void fetch('/public/trend')
  .then((r) => r.json() as Promise<{ weeks: Week[] }>)
  .then(({ weeks }) => drawTrend(document.getElementById('trend')!, weeks));
