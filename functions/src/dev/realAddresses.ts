/**
 * Real places for a synthetic list: every school gets a home subdistrict of its province from the gazetteer, its
 * children live there or nearby, and their addresses are typed in the forms teachers use (short, spelled out with or
 * without postcode, run together, unmarked, Bangkok's แขวง/เขต, explicit columns, a house number only with the place
 * in the registered address, a typo, a name several districts share without its district). `expected` is what a
 * reader must find for each row (the generator's own truth, the brute-force answer tests compare against): the
 * columns, else the current address, else the registered one.
 */
import type { Gazetteer, GazetteerEntry } from '@panong/shared';
import type { ListRow, NationalSchool } from './nationalList';
import { prng } from './prng';

export type WrittenForm =
  | 'short'
  | 'long'
  | 'long_postcode'
  | 'run_together'
  | 'unmarked'
  | 'columns'
  | 'registered_only'
  | 'typo'
  | 'ambiguous';

/** The optional place columns of a list (the `columns` form fills them). */
export const PLACE_COLUMNS = ['subdistrict', 'district', 'province'];

/** How often each form is written (the rest of the weight is the short form). */
const FORM_WEIGHTS: Array<[WrittenForm, number]> = [
  ['long', 0.1],
  ['long_postcode', 0.1],
  ['run_together', 0.05],
  ['unmarked', 0.1],
  ['columns', 0.1],
  ['registered_only', 0.07],
  ['typo', 0.04],
  ['ambiguous', 0.04],
];
/** Rows whose registered address (where the house registration is) is another place than where they live. */
const MOVED_SHARE = 0.15;

export interface RealAddresses {
  rows: ListRow[];
  /** national_id → the place code a correct reader finds (none for a typo or an ambiguous name). */
  expected: Map<string, string | undefined>;
  written: Map<string, WrittenForm>;
}

export function withRealAddresses(
  rows: readonly ListRow[],
  g: Gazetteer,
  schools: readonly NationalSchool[],
  opts: { seed?: number; focus?: { entries: readonly GazetteerEntry[]; share: number } } = {},
): RealAddresses {
  const seed = opts.seed ?? 17;
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const byProvince = groupBy(g.entries, (e) => e.province);
  const byDistrict = groupBy(g.entries, (e) => `${e.province}|${e.district}`);
  const home = new Map(schools.map((s) => [s.code, pick(byProvince.get(s.province) ?? g.entries)]));
  const expected = new Map<string, string | undefined>();
  const written = new Map<string, WrittenForm>();
  const out = rows.map((row) => {
    const school = home.get(row.school_code ?? '') ?? pick(g.entries);
    const r = rnd();
    // A test's subdistricts of interest get a share of the children, whatever school lists them.
    const lives =
      opts.focus && rnd() < opts.focus.share
        ? pick(opts.focus.entries)
        : r < 0.75
          ? school
          : r < 0.95
            ? pick(byDistrict.get(`${school.province}|${school.district}`)!)
            : pick(g.entries);
    const house = `${1 + Math.floor(rnd() * 300)}`;
    const moo = `${1 + Math.floor(rnd() * 15)}`;
    const elsewhere = rnd() < MOVED_SHARE ? pick(g.entries) : lives;
    let form = chooseForm(rnd());
    const namesakes = g.named(lives.subdistrict).filter((e) => e.province === lives.province);
    if (form === 'ambiguous' && namesakes.length < 2) form = 'short';
    const next: ListRow = { ...row, registered_address: address(elsewhere, house, moo, 'short') };
    let truth: string | undefined = lives.code;
    switch (form) {
      case 'columns': {
        // The columns win over an address that names somewhere else.
        next.current_address = rnd() < 0.5 ? address(elsewhere, house, moo, 'short') : `${house} หมู่ ${moo}`;
        Object.assign(next, { subdistrict: lives.subdistrict, district: lives.district, province: lives.province });
        break;
      }
      case 'registered_only':
        next.current_address = `${house} หมู่ ${moo}`;
        next.registered_address = address(lives, house, moo, 'short');
        break;
      case 'typo':
      case 'ambiguous': {
        const name = form === 'typo' ? garbled(lives.subdistrict, g) : lives.subdistrict;
        next.current_address =
          form === 'typo'
            ? `${house} ม.${moo} ต.${name} อ.${lives.district} จ.${lives.province}`
            : `${house} ม.${moo} ต.${name} จ.${lives.province}`;
        // Unreadable where they live: the registered address is the place, if there is one.
        if (rnd() < 0.5) delete next.registered_address;
        truth = next.registered_address ? elsewhere.code : undefined;
        break;
      }
      default:
        next.current_address = address(lives, house, moo, form);
    }
    expected.set(row.national_id!, truth);
    written.set(row.national_id!, form);
    return next;
  });
  return { rows: out, expected, written };
}

function chooseForm(r: number): WrittenForm {
  let acc = 0;
  for (const [form, w] of FORM_WEIGHTS) if (r < (acc += w)) return form;
  return 'short';
}

/** An address as typed; Bangkok's subdistricts and districts are แขวง and เขต. */
function address(e: GazetteerEntry, house: string, moo: string, form: WrittenForm): string {
  const bkk = e.province === 'กรุงเทพมหานคร';
  const postcode = e.postcodes[0] ?? '';
  const [sub, dis] = bkk ? ['แขวง', 'เขต'] : ['ตำบล', 'อำเภอ'];
  switch (form) {
    case 'long':
      return `${house} หมู่ ${moo} ${sub}${e.subdistrict} ${dis}${e.district} จังหวัด${e.province}`;
    case 'long_postcode':
      return `${house} หมู่ ${moo} ${sub}${e.subdistrict} ${dis}${e.district} จังหวัด${e.province} ${postcode}`;
    case 'run_together':
      return `${house} หมู่${moo} ${sub}${e.subdistrict}${dis}${e.district}จังหวัด${e.province} ${postcode}`;
    case 'unmarked':
      return `${house} หมู่ ${moo} ${e.subdistrict} ${e.district} ${e.province}`;
    default:
      return bkk
        ? `${house} ซ.${moo} แขวง${e.subdistrict} เขต${e.district} กรุงเทพฯ ${postcode}`
        : `${house} ม.${moo} ต.${e.subdistrict} อ.${e.district} จ.${e.province}`;
  }
}

/** A subdistrict name with a letter dropped or doubled that the gazetteer does not have. */
function garbled(name: string, g: Gazetteer): string {
  for (let i = 1; i < name.length; i++) {
    const candidate = name.slice(0, i) + name.slice(i + 1);
    if (candidate.length > 1 && g.named(candidate).length === 0) return candidate;
  }
  return `${name}${name.at(-1)}`;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
