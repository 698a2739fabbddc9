import { allowedNext, checkTransition, OutcomeSchema, summarize, emptyCounts } from '@panong/shared';

describe('case status machine', () => {
  it('starts with found or not found, never a visit', () => {
    expect(allowedNext('not_tracked')).toEqual(expect.arrayContaining(['found', 'not_found']));
    expect(allowedNext('not_tracked')).not.toContain('not_tracked');
    expect(allowedNext('not_tracked')).not.toContain('returned');
  });

  it('follows found → returned | referred and not_found → forwarded | found', () => {
    expect(checkTransition('found', 'returned')).toEqual({ ok: true, isVisit: false });
    expect(checkTransition('found', 'referred').ok).toBe(true);
    expect(checkTransition('not_found', 'forwarded').ok).toBe(true);
    expect(checkTransition('not_found', 'found').ok).toBe(true);
    expect(checkTransition('returned', 'returned')).toEqual({ ok: true, isVisit: true }); // follow-up visit
  });

  it('refuses skipping steps with a Thai message', () => {
    const r = checkTransition('not_tracked', 'returned');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('เปลี่ยนสถานะจาก "ยังไม่ได้ติดตาม" เป็น "กลับเข้าเรียนแล้ว" ไม่ได้');
    expect(checkTransition('deceased', 'found').ok).toBe(false);
  });

  it('requires the details of each outcome', () => {
    expect(OutcomeSchema.safeParse({ status: 'returned' }).success).toBe(false);
    expect(OutcomeSchema.safeParse({ status: 'returned', destination: 'non_formal' }).success).toBe(true);
    expect(OutcomeSchema.safeParse({ status: 'referred', partnerId: 'cm-pdhs' }).success).toBe(false);
    expect(OutcomeSchema.safeParse({ status: 'referred', partnerId: 'cm-pdhs', cause: 'poverty' }).success).toBe(true);
    const closure = OutcomeSchema.safeParse({ status: 'already_enrolled' });
    expect(closure.success).toBe(false);
    expect(closure.error?.issues[0]?.message).toMatch(/หลักฐาน/);
  });

  it('summarises counters as the public page shows them', () => {
    const c = {
      ...emptyCounts(),
      total: 10,
      not_tracked: 4,
      found: 1,
      returned: 2,
      referred: 1,
      not_found: 1,
      forwarded: 1,
    };
    expect(summarize(c)).toEqual({
      toTrack: 10,
      notTracked: 4,
      found: 4,
      notFound: 2,
      returned: 2,
      referred: 1,
      stillAttending: 0,
      reDropouts: 0,
      transferringOut: 0,
      withoutPlan: 4,
      firstVisitMedianDays: null,
      firstVisitP90Days: null,
      visited: 0,
    });
    expect(summarize({ ...c, moved: 3 }).transferringOut).toBe(3);
    // Found, returned and referred children with a plan are not "without a plan"; others do not count.
    expect(summarize({ ...c, planned_found: 1, planned_returned: 2, planned_not_found: 1 }).withoutPlan).toBe(1);
    expect(summarize({ ...c, attending_last: 2, re_dropout: 1 })).toMatchObject({ stillAttending: 2, reDropouts: 1 });
  });
});

describe('grade to age (sighting matches)', () => {
  it('maps Thai grades to a typical age', async () => {
    const { ageOfGrade } = await import('../../functions/src/stories/sightings/sightings');
    expect([
      ageOfGrade('ป.1'),
      ageOfGrade('ป.6'),
      ageOfGrade('ม.1'),
      ageOfGrade('ม. 6'),
      ageOfGrade('อนุบาล'),
      ageOfGrade(undefined),
    ]).toEqual([7, 12, 13, 18, undefined, undefined]);
  });
});
