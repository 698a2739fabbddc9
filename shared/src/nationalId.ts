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

/** Show the last 4 digits only: x-xxxx-xxxxx-12-3 style keeps the official grouping. */
export function maskNationalId(id: string): string {
  if (!id) return 'ไม่ทราบเลขประจำตัว'; // children found by the community may have none yet
  const tail = id.slice(-4);
  return `x-xxxx-xxxx${tail[0] ?? 'x'}-${tail.slice(1, 3)}-${tail.slice(3)}`;
}

/** Builds a valid ID from 12 leading digits (used for synthetic demo data and tests). */
export function withCheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return first12 + String((11 - (sum % 11)) % 10);
}
