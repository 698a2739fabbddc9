import { toArabicDigits } from './thaiText';

/** One subdistrict (ตำบล, in Bangkok แขวง) of the gazetteer: its DOPA geocode, names and postcodes. */
export interface GazetteerEntry {
  code: string;
  subdistrict: string;
  district: string;
  province: string;
  postcodes: string[];
}

/** Where a child lives: a subdistrict of the gazetteer (code = its 6-digit DOPA geocode). */
export interface Place {
  code: string;
  subdistrict: string;
  district: string;
  province: string;
}

/** Names as a row or an address gives them. */
export interface PlaceParts {
  subdistrict?: string;
  district?: string;
  province?: string;
  postcode?: string;
  /** Words of an address without a level word, in order (a province or, unmarked, subdistrict and district). */
  words?: string[];
}

/** How an address was written: its markers (ต. อ. จ. / ตำบล อำเภอ จังหวัด / แขวง เขต) or none. */
export type AddressForm = 'columns' | 'short' | 'long' | 'bangkok' | 'unmarked';
export const ADDRESS_FORM_LABEL: Record<AddressForm, string> = {
  columns: 'คอลัมน์ตำบล/อำเภอ/จังหวัด',
  short: 'ต. อ. จ.',
  long: 'ตำบล อำเภอ จังหวัด',
  bangkok: 'แขวง เขต (กรุงเทพฯ)',
  unmarked: 'ไม่มีคำนำหน้าตำบล/อำเภอ',
};

export const BANGKOK = 'กรุงเทพมหานคร';
const BANGKOK_ALIASES = new Set(['กทม', 'กรุงเทพ', 'กรุงเทพฯ', 'กรุงเทพมหานคร', 'bangkok']);

/** A place name compared: no spaces, no level word, Bangkok's short names as the full one. */
export function placeName(s: string): string {
  // A one-letter level word only with its dot: อุบลราชธานี and อุตรดิตถ์ begin with อ.
  const n = toArabicDigits(s.normalize('NFC'))
    .trim()
    .replace(/^(ตำบล|แขวง|กิ่งอำเภอ|อำเภอ|เขต|จังหวัด|[ตอจ]\.)\s*(?=[ก-๙])/, '')
    .replace(/[\s.]+/g, '');
  return BANGKOK_ALIASES.has(n) ? BANGKOK : n;
}

// A level word and the name after it. A level word starts a word (after a space, a digit or the start), or is glued
// to the word before it and to its name ("ตำบลตะคุอำเภอปักธงชัย" is typed too), so a level word ending a name
// (สามตำบล, หลักเขต) stays in it: "ต.สามตำบล อ.…", "สามตำบล จุฬาภรณ์" and "ตำบลสามตำบลอำเภอ…" are สามตำบล. A name ends
// at a space, a digit or the next level word.
const LEVEL_WORDS = 'ตำบล|แขวง|กิ่งอำเภอ|อำเภอ|จังหวัด|เขต';
const JOINED = `(?:${LEVEL_WORDS})(?=[ก-๙])(?!${LEVEL_WORDS})`;
const NEXT = String.raw`(?=$|[\s\d,()]|${JOINED}|[ตอจ]\.)`;
const MARKED = new RegExp(
  String.raw`(?:(?<=^|[\s\d,/()])(ต\.|อ\.|จ\.|${LEVEL_WORDS})\s*|(${JOINED}))([ก-๙A-Za-z][^\s\d,()]*?)${NEXT}`,
  'g',
);
const LEVEL: Record<string, 'subdistrict' | 'district' | 'province'> = {
  ตำบล: 'subdistrict',
  'ต.': 'subdistrict',
  แขวง: 'subdistrict',
  อำเภอ: 'district',
  กิ่งอำเภอ: 'district',
  'อ.': 'district',
  เขต: 'district',
  จังหวัด: 'province',
  'จ.': 'province',
};

/** The place names an address carries by their level words, its other words, the postcode, and its form. */
export function readAddress(address: string): { parts: PlaceParts; form: Exclude<AddressForm, 'columns'> } {
  const text = toArabicDigits(address.normalize('NFC'));
  const parts: PlaceParts = {};
  let short = 0;
  let long = 0;
  let bangkok = 0;
  for (const [, initial, spelled, name] of text.matchAll(MARKED)) {
    const word = (initial ?? spelled)!;
    const level = LEVEL[word]!;
    if (parts[level] === undefined) parts[level] = name!;
    if (word === 'แขวง' || word === 'เขต') bangkok++;
    else if (word.endsWith('.')) short++;
    else long++;
  }
  const postcode = text.match(/(?<!\d)\d{5}(?!\d)\s*$/)?.[0].trim();
  if (postcode) parts.postcode = postcode;
  // Names without a level word ("12 หมู่ 3 ตะคุ ปักธงชัย นครราชสีมา", "… กรุงเทพมหานคร"): resolve() reads them.
  // Street names stay: ถนนพญาไท is also a แขวง of ราชเทวี.
  const words = text
    .replace(MARKED, ' ')
    .split(/\s+/)
    .filter((w) => /^[ก-๙]/.test(w) && !/^(หมู่|ม\.|บ้านเลขที่|ถ\.|ซอย|ซ\.|เลขที่)/.test(w));
  if (words.length) parts.words = words;
  const form = bangkok ? 'bangkok' : short >= long && short > 0 ? 'short' : long > 0 ? 'long' : 'unmarked';
  return { parts, form };
}

export type Resolution =
  | { ok: true; place: Place }
  | { ok: false; problem: 'missing' | 'unknown' | 'ambiguous'; name?: string };

/** The gazetteer's lookups: a subdistrict by its names, never a guess between two of the same name. */
export class Gazetteer {
  private readonly bySubdistrict = new Map<string, GazetteerEntry[]>();
  private readonly provinces = new Set<string>();
  readonly size: number;

  constructor(readonly entries: readonly GazetteerEntry[]) {
    for (const e of entries) {
      const k = placeName(e.subdistrict);
      const list = this.bySubdistrict.get(k);
      if (list) list.push(e);
      else this.bySubdistrict.set(k, [e]);
      this.provinces.add(e.province);
    }
    this.size = entries.length;
  }

  /** The entries named `subdistrict` (every district that has one). */
  named(subdistrict: string): readonly GazetteerEntry[] {
    return this.bySubdistrict.get(placeName(subdistrict)) ?? [];
  }

  /**
   * The one subdistrict these names (and postcode) fit. A name that several districts have is resolved by the
   * district and province given; if they do not tell them apart, it is ambiguous, never picked.
   */
  resolve(given: PlaceParts): Resolution {
    const parts = this.withWords(given);
    if (!parts.subdistrict) return { ok: false, problem: 'missing' };
    let found = this.named(parts.subdistrict);
    if (found.length === 0) return { ok: false, problem: 'unknown', name: parts.subdistrict };
    const province = parts.province && placeName(parts.province);
    if (province) found = found.filter((e) => e.province === province);
    const district = parts.district && placeName(parts.district);
    if (district) found = found.filter((e) => sameDistrict(district, e));
    const postcode = parts.postcode;
    if (found.length > 1 && postcode) {
      const byCode = found.filter((e) => e.postcodes.includes(postcode));
      if (byCode.length > 0) found = byCode;
    }
    if (found.length === 1) {
      const { code, subdistrict, district: d, province: p } = found[0]!;
      return { ok: true, place: { code, subdistrict, district: d, province: p } };
    }
    return { ok: false, problem: found.length === 0 ? 'unknown' : 'ambiguous', name: parts.subdistrict };
  }

  /** An unmarked province word is the province; with no level words at all, the last two others are ตำบล อำเภอ. */
  private withWords(parts: PlaceParts): PlaceParts {
    if (!parts.words) return parts;
    const out = { ...parts };
    // The last word that names a province is it (ลำพูน is also a subdistrict of สุราษฎร์ธานี).
    const at = parts.words.findLastIndex((w) => this.provinces.has(placeName(w)));
    if (at >= 0) out.province ??= parts.words[at];
    const others = parts.words.filter((_, i) => i !== at);
    if (!out.subdistrict && !out.district && others.length >= 2) {
      out.subdistrict = others.at(-2);
      out.district = others.at(-1);
    }
    return out;
  }
}

/** "เมือง" alone is the province's capital district (อ.เมือง นครราชสีมา = เมืองนครราชสีมา); `given` as placeName. */
export function sameDistrict(given: string, e: Pick<GazetteerEntry, 'district' | 'province'>): boolean {
  const name = placeName(e.district);
  return name === given || (given === 'เมือง' && name === `เมือง${e.province}`);
}

export const PLACE_PROBLEM: Record<Exclude<Resolution, { ok: true }>['problem'], (name?: string) => string> = {
  missing: () => 'ที่อยู่ไม่มีชื่อตำบล',
  unknown: (name) => `ไม่พบตำบล "${name}" ในทะเบียนตำบล (ตรวจชื่อตำบล อำเภอ จังหวัด)`,
  ambiguous: (name) => `ตำบล "${name}" มีหลายแห่ง: ระบุอำเภอและจังหวัดให้ชัด`,
};

/** Subdistricts in words: "ต.ตะคุ, ต.ธงชัยเหนือ อ.ปักธงชัย จ.นครราชสีมา" (grouped by district). */
export function placesLabel(places: readonly Place[]): string {
  const byDistrict = new Map<string, string[]>();
  for (const p of places) {
    const bkk = p.province === BANGKOK;
    const k = bkk ? `เขต${p.district} ${p.province}` : `อ.${p.district} จ.${p.province}`;
    byDistrict.set(k, [...(byDistrict.get(k) ?? []), `${bkk ? 'แขวง' : 'ต.'}${p.subdistrict}`]);
  }
  return [...byDistrict].map(([d, subs]) => `${subs.join(', ')} ${d}`).join('; ');
}

/** Where a row's place came from. */
export type PlaceSource = 'columns' | 'current_address' | 'registered_address';

export interface RowPlace {
  place?: Place;
  source?: PlaceSource;
  /** The form of what was read: the columns, else the address used (or tried first). */
  form: AddressForm;
  /** Why no place was found (the row is imported anyway). */
  warning?: string;
}

/**
 * A list row's place: the explicit columns if they name a known subdistrict, else the current address, else the
 * registered one. When none resolves, the first problem is the row's warning.
 */
export function placeOfRow(
  gazetteer: Gazetteer,
  row: { columns: PlaceParts; currentAddress?: string; registeredAddress?: string },
): RowPlace {
  const tried: Array<{ form: AddressForm; res: Resolution }> = [];
  const hasColumns = !!(row.columns.subdistrict || row.columns.district || row.columns.province);
  if (hasColumns) {
    const res = gazetteer.resolve(row.columns);
    if (res.ok) return { place: res.place, source: 'columns', form: 'columns' };
    tried.push({ form: 'columns', res });
  }
  for (const [source, address] of [
    ['current_address', row.currentAddress],
    ['registered_address', row.registeredAddress],
  ] as const) {
    if (!address) continue;
    const { parts, form } = readAddress(address);
    const res = gazetteer.resolve(parts);
    if (res.ok) return { place: res.place, source, form };
    tried.push({ form, res });
  }
  const first = tried[0];
  if (!first) return { form: 'unmarked', warning: 'ไม่มีที่อยู่หรือชื่อตำบล' };
  const res = first.res as Exclude<Resolution, { ok: true }>;
  return { form: first.form, warning: PLACE_PROBLEM[res.problem](res.name) };
}

/** How many rows of each form resolved to a place (the import report's figure). */
export type PlaceTally = Partial<Record<AddressForm, { rows: number; resolved: number }>>;
export function tallyPlace(into: PlaceTally, p: RowPlace): void {
  const t = (into[p.form] ??= { rows: 0, resolved: 0 });
  t.rows++;
  if (p.place) t.resolved++;
}

/** Adds one tally to another (an upload's chunks). */
export function addTally(into: PlaceTally, from: PlaceTally): void {
  for (const [form, t] of Object.entries(from) as Array<[AddressForm, { rows: number; resolved: number }]>) {
    const sum = (into[form] ??= { rows: 0, resolved: 0 });
    sum.rows += t.rows;
    sum.resolved += t.resolved;
  }
}

/** The import's place figure in Thai: rows with a known subdistrict, by the form it was read from. */
export function placeSummary(tally: PlaceTally): string {
  const forms = Object.entries(tally) as Array<[AddressForm, { rows: number; resolved: number }]>;
  const rows = forms.reduce((n, [, t]) => n + t.rows, 0);
  const resolved = forms.reduce((n, [, t]) => n + t.resolved, 0);
  const byForm = forms.map(([f, t]) => `${ADDRESS_FORM_LABEL[f]} ${t.resolved}/${t.rows}`).join(' · ');
  return `ระบุตำบลที่อยู่ได้ ${resolved} จาก ${rows} แถว${byForm ? ` (${byForm})` : ''}`;
}
