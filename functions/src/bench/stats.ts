export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export async function timeIt(
  fn: (i: number) => Promise<unknown>,
  times: number,
): Promise<{ p50: number; p95: number; p99: number }> {
  const lat: number[] = [];
  for (let i = 0; i < times; i++) {
    const s = process.hrtime.bigint();
    await fn(i);
    lat.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  return { p50: round(pct(lat, 50), 3), p95: round(pct(lat, 95), 3), p99: round(pct(lat, 99), 3) };
}
