import {
  isValidIdentifier,
  isValidNationalId,
  maskNationalId,
  parseIdentifier,
  parseNationalId,
  redact,
  withCheckDigit,
} from '@panong/shared';

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

describe('G-codes (children without civil registration)', () => {
  it('accepts G and 12 digits in either case, with Thai digits, spaces and dashes', () => {
    expect(isValidIdentifier('G644200000001')).toBe(true);
    expect(isValidIdentifier('g644200000001')).toBe(true);
    expect(isValidIdentifier('G-6442-0000-0001')).toBe(true);
    expect(parseIdentifier('g ๖๔๔๒ ๐๐๐๐ ๐๐๐๑')).toBe('G644200000001');
  });

  it('refuses other shapes and is never taken for a name search', () => {
    for (const bad of ['G64420000001', 'G6442000000012', 'H644200000001', 'GG44200000001']) {
      expect([bad, isValidIdentifier(bad)]).toEqual([bad, false]);
    }
    expect(parseIdentifier('สมชาย')).toBeUndefined();
    expect(parseIdentifier('1101700230708')).toBe('1101700230708');
  });

  it('masks a G-code to its last 4 characters, in messages and in logs', () => {
    expect(maskNationalId('G644200000001')).toBe('Gxxxxxxxx0001');
    expect(redact('เด็ก G644200000001 และ g-6442-0000-0777')).toBe('เด็ก [id…0001] และ [id…0777]');
  });
});
