/**
 * A grid over Thailand for "nearest school" without reading every school: 0.1° cells (~11 km),
 * read ring by ring around a point until no unread cell can hold anything nearer.
 */
export const CELL_DEG = 0.1;
/**
 * The narrowest a cell gets in Thailand (0.1° of longitude at 20.6° N is 10.4 km): the guaranteed reach of one ring.
 */
export const CELL_MIN_KM = 10;

export function cellOf(lat: number, lng: number): string {
  return `${Math.floor(lat / CELL_DEG)}_${Math.floor(lng / CELL_DEG)}`;
}

/** The cells at ring distance `r` around the cell of a point (ring 0 is the cell itself). */
export function ringCells(lat: number, lng: number, r: number): string[] {
  const y = Math.floor(lat / CELL_DEG);
  const x = Math.floor(lng / CELL_DEG);
  const out: string[] = [];
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) if (Math.max(Math.abs(dx), Math.abs(dy)) === r) out.push(`${y + dy}_${x + dx}`);
  }
  return out;
}

/**
 * A map pin as the API sends it (no names, no national IDs): a child's last check-in (its record id
 * opens its page, which checks the viewer's scope again), a report, or nationally an area's
 * aggregate of `count` pins around their mean position.
 */
export interface MapPoint {
  lat: number;
  lng: number;
  status: string;
  count?: number;
  name?: string;
  childId?: string;
}
