import { toArabicDigits } from './thaiText';

/**
 * A guardian phone reduced to what identifies it: digits only, `+66`/`66` written as the leading 0
 * (`+66 81 234 5678` = `081-234-5678`). Undefined for anything that is not a Thai number, so that a
 * blank or a placeholder ("-", "ไม่มี") never makes strangers siblings.
 */
export function phoneKey(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  let digits = toArabicDigits(phone).replace(/\D/g, '');
  if (digits.startsWith('66') && digits.length === 11) digits = `0${digits.slice(2)}`;
  return /^0\d{8,9}$/.test(digits) && !/^0(\d)\1+$/.test(digits) ? digits : undefined;
}

/** A child beside another on a page (GET /api/children/:id `siblings`): only those the viewer may see. */
export interface SiblingView {
  id: string;
  name: string;
  status: string;
  statusLabel: string;
}
