import { placesLabel, type User } from '@panong/shared';
import type { Deps } from '../../deps';
import { tellSchool } from '../../messages/notify';
import type { CheckInResult } from '../fieldWork/checkIn';

/**
 * A local administration officer found a child the school is looking for: its coordinators and the child's
 * assignees are told once (the first time the case becomes found; the push's retry key is the event's).
 */
export async function tellSchoolOfficerFound(
  deps: Pick<Deps, 'store' | 'line' | 'logger' | 'liffId'>,
  officer: User,
  { event, child, duplicate }: CheckInResult,
): Promise<void> {
  if (duplicate || officer.role !== 'local_admin' || event.to !== 'found' || event.from === 'found') return;
  const where = child.place ? placesLabel([child.place]) : 'ในพื้นที่';
  await tellSchool(deps, {
    schoolCode: child.schoolCode,
    childId: child.id,
    key: `officer-found-${event.id}`,
    also: child.assigneeIds,
    text:
      `เจ้าหน้าที่ อปท. พบตัว ${child.firstName} ${child.lastName} แล้ว (${where})\n` +
      'ดูประวัติการติดตาม แล้ววางแผนพากลับเข้าเรียนต่อได้ที่หน้าข้อมูลเด็ก',
  });
}
