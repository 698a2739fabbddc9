import type { Child, DuplicateFacts } from '@panong/shared';

/** What the duplicate rules read of a case. */
export const factsOf = (c: Child): DuplicateFacts => ({
  nationalId: c.nationalId,
  firstName: c.firstName,
  lastName: c.lastName,
  schoolCode: c.schoolCode,
  grade: c.grade,
  guardianPhone: c.guardianPhone,
});
