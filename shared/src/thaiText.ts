const THAI_ZERO = 0x0e50;

/** ๐-๙ → 0-9; everything else untouched. */
export function toArabicDigits(s: string): string {
  return s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - THAI_ZERO));
}

// Honorifics a teacher may type or an OBEC list may carry; longest first so "เด็กชาย" wins over "นาย".
const TITLES = ['เด็กชาย', 'เด็กหญิง', 'นางสาว', 'ด.ช.', 'ด.ญ.', 'ดช.', 'ดญ.', 'นาย', 'นาง', 'น.ส.', 'mr.', 'mrs.', 'ms.', 'miss'];

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
  return normalizeText(text).split(' ').filter((t) => t.length > 0);
}

const MIN_KEY = 2;
const MAX_KEY = 20;

/**
 * Keys stored on a child so that a partial name finds it with one array-contains query
 * (prefix ranges are not portable across our stores): every prefix of first name, last name
 * and the joined full name, from 2 characters up.
 */
export function nameSearchKeys(firstName: string, lastName: string): string[] {
  const tokens = [...nameTokens(firstName), ...nameTokens(lastName)];
  const words = [...tokens, tokens.join('')];
  const keys = new Set<string>();
  for (const w of words) {
    for (let n = MIN_KEY; n <= Math.min(w.length, MAX_KEY); n++) keys.add(w.slice(0, n));
  }
  return [...keys];
}

/** The key to query with for a typed name, plus the remaining tokens to filter in memory. */
export function nameQuery(text: string): { key: string; rest: string[] } | undefined {
  const tokens = nameTokens(text).map((t) => t.slice(0, MAX_KEY));
  if (tokens.length === 0) return undefined;
  const sorted = [...tokens].sort((a, b) => b.length - a.length);
  const key = sorted[0]!;
  if (key.length < MIN_KEY) return undefined;
  return { key, rest: sorted.slice(1).filter((t) => t.length >= MIN_KEY) };
}
