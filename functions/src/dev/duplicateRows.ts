import { withCheckDigit, type DuplicateFacts } from '@panong/shared';
import type { ListRow } from './nationalList';
import { prng } from './prng';

export interface PlantedPair {
  a: string;
  b: string;
  kind: 'name_phone' | 'name_school_grade' | 'gcode_typo';
}

/**
 * The list with one child in `every` listed a second time, as lists overlap in reality: under a G-code
 * with the phone typed another way (+66), under a second national ID in the same school and grade with
 * no phone, or (for G-code children) under a code one digit off. Returns the rows, shuffled in, and the
 * planted pairs by national ID: the ground truth a detector is measured against.
 */
export function withPlantedDuplicates(
  rows: readonly ListRow[],
  every = 100,
  seed = 5,
): { rows: ListRow[]; planted: PlantedPair[] } {
  const rnd = prng(seed);
  const out = [...rows];
  const planted: PlantedPair[] = [];
  for (let i = 0, n = 0; i < rows.length; i += every, n++) {
    const r = rows[i]!;
    const gcode = `G${String(644200000000 + n * 10).padStart(12, '0')}`;
    if (n % 3 === 0) {
      const phone = `+66 ${r.guardian_phone!.slice(1, 3)} ${r.guardian_phone!.slice(3)}`;
      out.push({ ...r, national_id: gcode, student_id: '', guardian_phone: phone, grade: '' });
      planted.push({ a: r.national_id!, b: gcode, kind: 'name_phone' });
    } else if (n % 3 === 1) {
      const other = withCheckDigit(`9${String(n).padStart(11, '0')}`);
      out.push({ ...r, national_id: other, guardian_phone: '' });
      planted.push({ a: r.national_id!, b: other, kind: 'name_school_grade' });
    } else {
      // A G-code child on one list, typed one digit off on another (and in another school, no phone).
      out[i] = { ...r, national_id: gcode };
      const typo = `${gcode.slice(0, 12)}${(Number(gcode[12]) + 1) % 10}`;
      out.push({
        ...r,
        national_id: typo,
        guardian_phone: '',
        grade: '',
        school_code: rows[(i + 7) % rows.length]!.school_code!,
      });
      planted.push({ a: gcode, b: typo, kind: 'gcode_typo' });
    }
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return { rows: out, planted };
}

/** What the duplicate rules read of a list row. */
export const rowFacts = (r: ListRow): DuplicateFacts => ({
  nationalId: r.national_id!,
  firstName: r.first_name!,
  lastName: r.last_name!,
  schoolCode: r.school_code!,
  grade: r.grade || undefined,
  guardianPhone: r.guardian_phone || undefined,
});
