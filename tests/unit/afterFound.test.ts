import {
  checkReferralAction,
  followUpSchedule,
  overdueAt,
  partnersFor,
  provinceKey,
  termEndAfter,
  NEVER,
} from '@panong/shared';

describe('follow-up schedule (Thai school calendar)', () => {
  it('checks at 2 weeks, 1 month and the end of the term', () => {
    expect(followUpSchedule('2026-06-01')).toEqual([
      { stage: '2w', due: '2026-06-15' },
      { stage: '1m', due: '2026-07-01' },
      { stage: 'term_end', due: '2026-10-10' },
    ]);
  });

  it('moves the end-of-term check to the next term when the term ends before the 1-month check', () => {
    expect(followUpSchedule('2026-09-25').map((f) => f.due)).toEqual(['2026-10-09', '2026-10-25', '2027-03-31']);
    expect(followUpSchedule('2027-03-10').map((f) => f.due)).toEqual(['2027-03-24', '2027-04-10', '2027-10-10']);
  });

  it('counts a day in the break towards the next term, and takes an area override', () => {
    expect(termEndAfter('2026-04-20')).toBe('2026-10-10');
    expect(termEndAfter('2026-11-02')).toBe('2027-03-31');
    expect(followUpSchedule('2026-06-01', ['2026-09-30', '2027-03-15']).at(-1)).toEqual({
      stage: 'term_end',
      due: '2026-09-30',
    });
  });
});

describe('referral states', () => {
  it('allows accept/decline only when sent, update/close only after accepting, found only for a search', () => {
    expect(checkReferralAction('sent', 'referral', 'accept')).toEqual({ ok: true, to: 'accepted' });
    expect(checkReferralAction('sent', 'referral', 'decline')).toEqual({ ok: true, to: 'declined' });
    expect(checkReferralAction('sent', 'referral', 'close').ok).toBe(false);
    expect(checkReferralAction('accepted', 'referral', 'update')).toEqual({ ok: true, to: 'in_progress' });
    expect(checkReferralAction('in_progress', 'referral', 'close')).toEqual({ ok: true, to: 'closed' });
    expect(checkReferralAction('accepted', 'referral', 'found').ok).toBe(false);
    expect(checkReferralAction('sent', 'search', 'found')).toEqual({ ok: true, to: 'closed' });
    expect(checkReferralAction('declined', 'referral', 'accept').ok).toBe(false);
    expect(checkReferralAction('closed', 'search', 'found').ok).toBe(false);
  });

  it('is overdue 7 days after sending, 30 days after the last update, never once closed', () => {
    expect(overdueAt('sent', '2026-11-01T00:00:00.000Z')).toBe('2026-11-08T00:00:00.000Z');
    expect(overdueAt('in_progress', '2026-11-01T00:00:00.000Z')).toBe('2026-12-01T00:00:00.000Z');
    expect(overdueAt('declined', '2026-11-01T00:00:00.000Z')).toBe(NEVER);
  });
});

describe('partners for a child', () => {
  const p = (name: string, province: string, causes: string[], areas: string[] = []) => ({
    name,
    province,
    causes,
    areas,
  });
  const partners = [
    p('ข หน่วยงานสุขภาพ', 'เชียงใหม่', ['health']),
    p('ก พมจ.', 'เชียงใหม่', ['poverty']),
    p('ค ทุกเรื่อง', 'เชียงใหม่', []),
    p('ง เขต 1', 'เชียงใหม่', [], ['5001']),
    p('จ เชียงราย', 'เชียงราย', ['poverty']),
  ];

  it(
    'offers only partners of the province or the area, those ' + 'taking the cause first, the local ESA before others',
    () => {
      expect(partnersFor(partners, { areaCode: '5001', province: 'เชียงใหม่' }, 'poverty').map((x) => x.name)).toEqual([
        'ง เขต 1',
        'ก พมจ.',
        'ค ทุกเรื่อง',
        'ข หน่วยงานสุขภาพ',
      ]);
      // A school the directory does not know: only partners naming the area.
      expect(partnersFor(partners, { areaCode: '5001' }).map((x) => x.name)).toEqual(['ง เขต 1']);
    },
  );

  it('reads a province however it is written', () => {
    expect(provinceKey('จังหวัดเชียงใหม่')).toBe('เชียงใหม่');
    expect(provinceKey(' จ. เชียงใหม่ ')).toBe('เชียงใหม่');
  });
});
