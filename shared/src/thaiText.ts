const THAI_ZERO = 0x0e50;

/** ๐-๙ → 0-9; everything else untouched. */
export function toArabicDigits(s: string): string {
  return s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - THAI_ZERO));
}

// Honorifics a teacher may type or an OBEC list may carry; longest first so "เด็กชาย" wins over "นาย".
const TITLES = [
  'เด็กชาย',
  'เด็กหญิง',
  'นางสาว',
  'ด.ช.',
  'ด.ญ.',
  'ดช.',
  'ดญ.',
  'นาย',
  'นาง',
  'น.ส.',
  'mr.',
  'mrs.',
  'ms.',
  'miss',
];

/** Lower-case, NFC, without zero-width characters, punctuation runs collapsed to single spaces. */
export function normalizeText(s: string): string {
  return toArabicDigits(s.normalize('NFC'))
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .toLowerCase()
    .replace(/[\s.,;:()"'_-]+/g, ' ')
    .trim();
}

/** Name tokens with honorifics removed, e.g. "ด.ช. สมชาย  ใจดี" → ["สมชาย", "ใจดี"]. */
export function nameTokens(s: string): string[] {
  let text = toArabicDigits(s.normalize('NFC')).toLowerCase().trim();
  for (const t of TITLES) {
    if (text.startsWith(t)) {
      text = text.slice(t.length);
      break;
    }
  }
  return normalizeText(text)
    .split(' ')
    .filter((t) => t.length > 0);
}

const MIN_KEY = 2;
/**
 * Longer prefixes are not stored; a longer query is matched on its first MAX_KEY characters, then exactly in memory.
 */
const MAX_KEY = 40;
/** Marks a whole word (first name, surname, or both joined) among the keys, so exact matches can be listed first. */
const EXACT = '=';

/**
 * Keys stored on a child so that a name or a prefix of it finds it with one array-contains query
 * (prefix ranges are not portable across our stores): every prefix (2+ characters) of the first
 * name, the surname and the two joined, plus each of those whole, marked exact.
 */
export function nameSearchKeys(firstName: string, lastName: string): string[] {
  const words = nameWords(firstName, lastName);
  const keys = new Set<string>();
  for (const w of words) {
    for (let n = MIN_KEY; n <= Math.min(w.length, MAX_KEY); n++) keys.add(w.slice(0, n));
    keys.add(EXACT + w);
  }
  return [...keys];
}

/** First name, surname and the two joined, normalised: what a typed name is matched against. */
export function nameWords(firstName: string, lastName: string): string[] {
  const first = nameTokens(firstName).join('');
  const last = nameTokens(lastName).join('');
  return [...new Set([first, last, first + last].filter((w) => w.length > 0))];
}

export interface NameQuery {
  /** The typed name, normalised and joined (spaces between first name and surname dropped). */
  text: string;
  /** The prefix key to query with (the text, up to MAX_KEY characters). */
  key: string;
  /** The exact-match key. */
  exact: string;
}

/**
 * What a typed name searches for: children whose first name, surname, or first name + surname
 * starts with it ("สม", "ใจดี", "สมชาย ใจ", "สมชาย ใจดี"); honorifics, spaces and Thai digits aside.
 */
export function nameQuery(text: string): NameQuery | undefined {
  const joined = nameTokens(text).join('');
  if (joined.length < MIN_KEY) return undefined;
  return { text: joined, key: joined.slice(0, MAX_KEY), exact: EXACT + joined };
}

/** Whether a child's name answers the query: the definition the indexed search must agree with. */
export function matchesName(firstName: string, lastName: string, q: NameQuery): { match: boolean; exact: boolean } {
  const words = nameWords(firstName, lastName);
  return { match: words.some((w) => w.startsWith(q.text)), exact: words.includes(q.text) };
}

/**
 * matchesName answered from a child's stored keys (nameSearchKeys of the same words), without normalising its
 * name again: a search ranks up to 36 children per answer. Only a query longer than the stored prefixes needs
 * the names themselves.
 */
export function matchesNameKeys(
  keys: readonly string[],
  firstName: string,
  lastName: string,
  q: NameQuery,
): { match: boolean; exact: boolean } {
  const exact = keys.includes(q.exact);
  if (exact || q.text.length <= MAX_KEY) return { match: exact || keys.includes(q.text), exact };
  return matchesName(firstName, lastName, q);
}
