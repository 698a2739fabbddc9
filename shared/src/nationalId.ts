import { toArabicDigits } from './thaiText';

/** Thai national ID: 13 digits, the last one a mod-11 checksum of the first 12. */
export function isValidNationalId(raw: string): boolean {
  const id = toArabicDigits(raw).replace(/[\s-]/g, '');
  if (!/^\d{13}$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(id[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(id[12]);
}

/** Digits only, Thai digits converted; undefined when it is not a 13-digit candidate. */
export function parseNationalId(raw: string): string | undefined {
  const id = toArabicDigits(raw).replace(/[\s-]/g, '');
  return /^\d{13}$/.test(id) ? id : undefined;
}

/**
 * The Ministry's G-code for a child without civil registration (migrant, stateless): the letter G
 * and 12 digits, e.g. G644200000001, used in DMC in place of a national ID. There is no checksum.
 */
export const G_CODE = /^G\d{12}$/;

/** An identifier as typed or listed: Thai digits converted, spaces and dashes dropped, the G upper-cased. */
export function normalizeIdentifier(raw: string): string {
  return toArabicDigits(raw).replace(/[\s-]/g, '').replace(/^g/, 'G');
}

export const isGCode = (raw: string): boolean => G_CODE.test(normalizeIdentifier(raw));

/** What a search by identifier looks for: a 13-digit candidate or a G-code; undefined for anything else (a name). */
export function parseIdentifier(raw: string): string | undefined {
  const id = normalizeIdentifier(raw.trim());
  return /^\d{13}$/.test(id) || G_CODE.test(id) ? id : undefined;
}

/** A national ID with its checksum, or a G-code. */
export const isValidIdentifier = (raw: string): boolean => isValidNationalId(raw) || isGCode(raw);

/**
 * Shows the last 4 characters only: x-xxxx-xxxxx-12-3 keeps the official grouping of a national ID;
 * a G-code shows as Gxxxxxxxx0001.
 */
export function maskNationalId(id: string): string {
  if (!id) return 'ไม่ทราบเลขประจำตัว'; // children found by the community may have none yet
  const tail = id.slice(-4);
  if (id.startsWith('G')) return `Gxxxxxxxx${tail}`;
  return `x-xxxx-xxxx${tail[0] ?? 'x'}-${tail.slice(1, 3)}-${tail.slice(3)}`;
}

/** Builds a valid ID from 12 leading digits (used for synthetic demo data and tests). */
export function withCheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return first12 + String((11 - (sum % 11)) % 10);
}
