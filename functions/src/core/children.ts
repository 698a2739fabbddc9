import { createHash } from 'node:crypto';
import { nameSearchKeys, phoneKey, type Child, type Status } from '@panong/shared';
import type { Store } from '../ports/store';
import { BatchPacker } from './batchPacker';
import { paths } from './documents';
import { countedFields } from './counters';

export type ChildRecord = Omit<
  Child,
  'id' | 'assigneeIds' | 'status' | 'searchKeys' | 'guardianPhoneKey' | 'version' | 'updatedAt' | 'rounds'
> & {
  assigneeIds?: string[];
  status?: Status;
  /** The list round this row comes from (e.g. 2564/2). */
  round?: string;
};

/** `nationalIds/{nationalId}`: the identity index (one child per national ID) and the list row's fingerprint. */
export interface NationalIdEntry {
  childId: string;
  fingerprint: string;
}
export const nationalIdPath = (nationalId: string) => `nationalIds/${nationalId}`;

/** File fields that an import may overwrite; status, assignments and history are never touched. */
export const RECORD_FIELDS = [
  'studentId',
  'firstName',
  'lastName',
  'grade',
  'schoolCode',
  'schoolName',
  'areaCode',
  'areaName',
  'currentAddress',
  'registeredAddress',
  'guardianName',
  'guardianPhone',
  'placeCode',
  'riskCause',
] as const;

/**
 * What the list says about a child (with its group and round), hashed: an unchanged row is recognised from its index
 * entry alone.
 */
export function recordFingerprint(
  r: Partial<Record<(typeof RECORD_FIELDS)[number] | 'group' | 'round', unknown>>,
): string {
  return createHash('sha256')
    .update(JSON.stringify([...RECORD_FIELDS, 'group', 'round'].map((f) => r[f as keyof typeof r] ?? null)))
    .digest('base64url')
    .slice(0, 22);
}

export function newChild(id: string, { round, ...record }: ChildRecord, now: string): Child {
  return {
    ...record,
    ...(round ? { rounds: [round] } : {}),
    id,
    assigneeIds: record.assigneeIds ?? [],
    status: record.status ?? 'not_tracked',
    searchKeys: nameSearchKeys(record.firstName, record.lastName),
    ...familyFields(record.guardianPhone),
    version: 1,
    listedAt: now,
    updatedAt: now,
  };
}

/** The sibling key of a new child's guardian phone (none for a blank or foreign number). */
export function familyFields(guardianPhone: string | undefined): Pick<Child, 'guardianPhoneKey'> {
  const key = phoneKey(guardianPhone);
  return key ? { guardianPhoneKey: key } : {};
}

/**
 * Writes new children (seeding, benchmarks) with their identity index entries and counters, in
 * atomic batches of at most 500 writes; any order and spread of schools.
 */
export async function addChildren(
  store: Store,
  children: readonly Child[],
  onProgress?: (done: number) => void,
): Promise<void> {
  const packer = new BatchPacker(store);
  let done = 0;
  for (const child of children) {
    await packer.add(
      [
        { kind: 'set', path: paths.child(child.id), data: { ...child } },
        {
          kind: 'set',
          path: nationalIdPath(child.nationalId),
          data: { childId: child.id, fingerprint: recordFingerprint(child) } satisfies NationalIdEntry,
        },
      ],
      (c) => c.add(child, countedFields(child), 1),
    );
    if (++done % 1000 === 0) onProgress?.(done);
  }
  await packer.flush();
  onProgress?.(done);
}
