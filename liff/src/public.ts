import { renderCounts, type CountsView } from './counts';
import './style.css';

/** Public page: aggregate counters only, no login. */
async function main(): Promise<void> {
  const res = await fetch('/public/stats');
  renderCounts((await res.json()) as CountsView, 'แยกตามเขตพื้นที่การศึกษา');
}
void main();
