import { isValidNationalId, maskNationalId, parseNationalId, withCheckDigit } from '@panong/shared';

describe('Thai national ID', () => {
  it.each([
    ['1101700230708', true], // checksum vector: 11 - (sum % 11) = 8
    ['3100600556313', true],
    ['1101700230709', false], // last digit off by one
    ['1234567890123', false],
    ['110170023070', false], // 12 digits
    ['11017002307081', false], // 14 digits
    ['abcdefghijklm', false],
  ])('%s valid=%s', (id, ok) => expect(isValidNationalId(id)).toBe(ok));

  it('accepts Thai digits, dashes and spaces', () => {
    expect(isValidNationalId('๑๑๐๑๗๐๐๒๓๐๗๐๘')).toBe(true);
    expect(isValidNationalId('1-1017-00230-70-8')).toBe(true);
    expect(parseNationalId('๑ ๑๐๑๗ ๐๐๒๓๐ ๗๐ ๘')).toBe('1101700230708');
  });

  it('computes the check digit for every remainder, including 10 and 11 wrapping', () => {
    // Sum % 11 of 0 → 11 - 0 = 11 → 1; of 1 → 10 → 0.
    for (let i = 0; i < 200; i++) {
      const id = withCheckDigit(String(100000000000 + i * 7919));
      expect(isValidNationalId(id)).toBe(true);
      const wrong = id.slice(0, 12) + String((Number(id[12]) + 1) % 10);
      expect(isValidNationalId(wrong)).toBe(false);
    }
  });

  it('masks all but the last 4 digits', () => {
    const masked = maskNationalId('1101700230708');
    expect(masked).toBe('x-xxxx-xxxx0-70-8');
    expect(masked.replace(/\D/g, '')).toBe('0708');
  });
});
