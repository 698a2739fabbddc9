import type { CountsView, TrendWeek } from '@panong/shared';
import { LIST_GROUP_LABEL } from '@panong/shared';
import { renderCounts, segmentFilters } from './counts';
import { drawTrend } from './trend';
import './style.css';

/** Public page: aggregate counters only, no login; optionally one list group or one round. */
const filters = segmentFilters(() => void main(), LIST_GROUP_LABEL);

async function main(): Promise<void> {
  const view = (await (await fetch(`/public/stats${filters.query()}`)).json()) as CountsView;
  filters.setRounds(view.rounds ?? []);
  renderCounts(view, 'แยกตามเขตพื้นที่การศึกษา');
}
void main();
void fetch('/public/trend')
  .then((r) => r.json() as Promise<{ weeks: TrendWeek[] }>)
  .then(({ weeks }) => drawTrend(document.getElementById('trend')!, weeks));
