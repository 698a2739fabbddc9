/**
 * Duplicate detection at national size, in its own process (`node lib/bench/duplicates.js`): the
 * blocking keys over the whole list (time, peak memory, pairs), then on a 5,000-row sample the same
 * pairs found by comparing every row with every other (the rules written pair by pair), and the
 * planted pairs as ground truth. Prints one JSON line.
 */
import { comparable, duplicateReasons, idPair, probableDuplicatePairs, type DuplicateFacts } from '@panong/shared';
import { rowFacts, withPlantedDuplicates } from '../dev/duplicateRows';
import { nationalListRows } from '../dev/nationalList';

function bruteForce(facts: readonly DuplicateFacts[]): Set<string> {
  const rows = facts.map(comparable);
  const pairs = new Set<string>();
  for (let i = 0; i < rows.length; i++)
    for (let j = i + 1; j < rows.length; j++)
      if (duplicateReasons(rows[i]!, rows[j]!).length) pairs.add(idPair(rows[i]!.id, rows[j]!.id));
  return pairs;
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : Math.round((n / d) * 10000) / 10000);
function agreement(found: Set<string>, truth: Set<string>) {
  let hit = 0;
  for (const p of found) if (truth.has(p)) hit++;
  return { precision: ratio(hit, found.size), recall: ratio(hit, truth.size) };
}

function main(): void {
  const children = Number(process.argv[2] ?? 110_755);
  const { rows, planted } = withPlantedDuplicates(nationalListRows(children));
  const all = rows.map(rowFacts);
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const national = probableDuplicatePairs(all);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const truth = new Set(planted.map((p) => idPair(p.a, p.b)));

  // The sample: both sides of the first 600 planted pairs and other rows up to 5,000.
  const inPairs = new Set(planted.slice(0, 600).flatMap((p) => [p.a, p.b]));
  const sample = [
    ...all.filter((r) => inPairs.has(r.nationalId)),
    ...all.filter((r) => !inPairs.has(r.nationalId)),
  ].slice(0, 5000);
  const t1 = process.hrtime.bigint();
  const brute = bruteForce(sample);
  const bruteSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  const sampleBlocking = probableDuplicatePairs(sample);
  const sampleIds = new Set(sample.map((r) => r.nationalId));
  const sampleTruth = new Set([...truth].filter((p) => p.split(' ').every((id) => sampleIds.has(id))));
  console.log(
    JSON.stringify({
      rows: all.length,
      planted: planted.length,
      seconds: Math.round(seconds * 100) / 100,
      heapMB: Math.round(heapMB),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      pairs: national.size,
      vsPlanted: agreement(national, truth),
      sampleRows: sample.length,
      sampleBruteSeconds: Math.round(bruteSeconds * 10) / 10,
      sampleVsBruteForce: agreement(sampleBlocking, brute),
      sampleBruteVsPlanted: agreement(brute, sampleTruth),
    }),
  );
}

main();
