import { toArabicDigits } from './thaiText';

// 13 digits (optionally grouped 1-4-5-2-1), G-codes (G and 12 digits) and Thai phone numbers
// (0x-xxx-xxxx, 0xx-xxx-xxxx, +66…).
const NATIONAL_ID = /(?<!\d)\d[-\s]?\d{4}[-\s]?\d{5}[-\s]?\d{2}[-\s]?\d(?!\d)/g;
const G_CODE = /(?<![A-Za-z0-9])[Gg][-\s]?(?:\d[-\s]?){11}\d(?!\d)/g;
const PHONE = /(?<!\d)(?:\+?66[-\s]?|0)\d{1,2}[-\s]?\d{3}[-\s]?\d{3,4}(?!\d)/g;

/** Removes national IDs, G-codes and phone numbers from free text before it reaches a log or a chat message. */
export function redact(text: string): string {
  return toArabicDigits(text)
    .replace(G_CODE, (m) => `[id…${m.replace(/\D/g, '').slice(-4)}]`)
    .replace(NATIONAL_ID, (m) => `[id…${m.replace(/\D/g, '').slice(-4)}]`)
    .replace(PHONE, '[phone]');
}
