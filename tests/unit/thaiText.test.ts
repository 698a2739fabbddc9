import { FIRST_NAMES, LAST_NAMES } from '../../functions/src/dev/nationalList';
import {
  matchesName,
  matchesNameKeys,
  nameQuery,
  nameSearchKeys,
  nameTokens,
  redact,
  toArabicDigits,
} from '@panong/shared';

describe('Thai text', () => {
  it('converts Thai digits', () => expect(toArabicDigits('ป.๖ ห้อง ๒')).toBe('ป.6 ห้อง 2'));

  it('drops honorifics and extra spaces', () => {
    expect(nameTokens('ด.ช.  สมชาย   ใจดี')).toEqual(['สมชาย', 'ใจดี']);
    expect(nameTokens('เด็กหญิงมาลี มีสุข')).toEqual(['มาลี', 'มีสุข']);
    expect(nameTokens('นางสาว ศิริพร')).toEqual(['ศิริพร']);
  });

  it('lets a partial first name, last name or full name find the child', () => {
    const keys = nameSearchKeys('สมชาย', 'ใจดี');
    for (const typed of [
      'สม',
      'สมชา',
      'ใจ',
      'ใจดี',
      'สมชายใจดี',
      'สมชาย ใจ',
      'สมชาย ใจดี',
      'ด.ช.สมชาย',
      'ด.ช. สมชาย ใจดี',
    ]) {
      expect(keys).toContain(nameQuery(typed)!.key);
    }
    expect(keys).not.toContain(nameQuery('ชาย')!.key); // infix is not a prefix
  });

  it('marks whole names so exact matches can come first', () => {
    const keys = nameSearchKeys('สมชาย', 'ใจดี');
    expect(keys).toContain(nameQuery('สมชาย ใจดี')!.exact);
    expect(keys).toContain(nameQuery('ใจดี')!.exact);
    expect(keys).not.toContain(nameQuery('สมชา')!.exact);
    expect(matchesName('สมชาย', 'ใจดี', nameQuery('สมชาย')!)).toEqual({ match: true, exact: true });
    expect(matchesName('สมชายชาญ', 'ใจดี', nameQuery('สมชาย')!)).toEqual({ match: true, exact: false });
    expect(matchesName('สมศรี', 'ใจดี', nameQuery('สมชาย')!).match).toBe(false);
    expect(nameQuery('ก')).toBeUndefined();
  });

  it("answers a match from a child's stored keys exactly as from its names (every query over realistic names)", () => {
    const names = FIRST_NAMES.slice(0, 40).flatMap((f, i) => [
      [f, LAST_NAMES[i]!],
      [`ด.ญ. ${f}`, `${LAST_NAMES[i + 1]} `],
    ]);
    const long = 'ก'.repeat(45);
    names.push([long, 'ใจดี'], [`${long}ข`, 'ใจดี']);
    const queries = names.flatMap(([f, l]) => [f!, `${f} ${l}`, l!.slice(0, 3), f!.slice(0, 2), `${f}ซ`]);
    queries.push(long, `${long}ข`);
    let exact = 0;
    for (const [f, l] of names)
      for (const q of queries.flatMap((t) => nameQuery(t) ?? [])) {
        const byNames = matchesName(f!, l!, q);
        expect(matchesNameKeys(nameSearchKeys(f!, l!), f!, l!, q)).toEqual(byNames);
        if (byNames.exact) exact++;
      }
    expect(exact).toBeGreaterThan(80); // the comparison covered exact names, not only prefixes and misses
  });
});

describe('redact', () => {
  it('removes national IDs and phone numbers, keeping the last 4 ID digits', () => {
    const out = redact(
      'id 1101700230708 / ๑๑๐๑๗๐๐๒๓๐๗๐๘ / 1-1017-00230-70-8 tel 081-234-5678 or 0812345678 or +66812345678',
    );
    expect(out).not.toMatch(/1101700230708|0812345678|081-234-5678|\+66812345678/);
    expect(out).toContain('[id…0708]');
    expect(out.match(/\[phone\]/g)).toHaveLength(3);
  });

  it('leaves ordinary numbers alone', () => expect(redact('ป.6 อายุ 12 ปี เลขที่ 45/2')).toBe('ป.6 อายุ 12 ปี เลขที่ 45/2'));
});
