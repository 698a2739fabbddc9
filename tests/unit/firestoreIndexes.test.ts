import fs from 'node:fs';
import path from 'node:path';
import { isDeclared, requiredIndex, type CompositeIndex } from '../../functions/src/adapters/firestoreIndexes';

const declared = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../firestore.indexes.json'), 'utf8')) as {
    indexes: CompositeIndex[];
  }
).indexes;

describe('composite index rules (what production Firestore refuses with FAILED_PRECONDITION)', () => {
  it('needs none for one field or for equalities only', () => {
    expect(requiredIndex('children', { where: [['assigneeIds', 'array-contains', 'u']] })).toBeUndefined();
    expect(
      requiredIndex('stats', {
        where: [
          ['level', '==', 'school'],
          ['areaCode', '==', '1001'],
        ],
      }),
    ).toBeUndefined();
    expect(requiredIndex('children/c1/events', { orderBy: { field: 'at', dir: 'desc' }, limit: 50 })).toBeUndefined();
    expect(requiredIndex('x', { where: [['at', '>=', 1]], orderBy: { field: 'at', dir: 'desc' } })).toBeUndefined();
  });

  it('needs one for equality with a range, array-contains with equality, and equality with an order', () => {
    expect(
      requiredIndex('sightings', {
        where: [
          ['reporterId', '==', 'u'],
          ['createdAt', '>=', 't'],
        ],
      })?.fields,
    ).toEqual([
      { fieldPath: 'reporterId', order: 'ASCENDING' },
      { fieldPath: 'createdAt', order: 'ASCENDING' },
    ]);
    expect(
      requiredIndex('children', {
        where: [
          ['searchKeys', 'array-contains', 'สม'],
          ['areaCode', '==', '1'],
        ],
      })?.fields,
    ).toEqual([
      { fieldPath: 'areaCode', order: 'ASCENDING' },
      { fieldPath: 'searchKeys', arrayConfig: 'CONTAINS' },
    ]);
    expect(
      requiredIndex('sightings', {
        where: [['areaCode', '==', '1']],
        orderBy: { field: 'createdAt', dir: 'desc' },
      })?.fields.at(-1),
    ).toEqual({ fieldPath: 'createdAt', order: 'DESCENDING' });
  });

  it('matches declarations with equality fields in any order and the rest exactly', () => {
    // The triage queue: status and area (either order), oldest first.
    const need = requiredIndex('sightings', {
      where: [
        ['status', '==', 'received'],
        ['areaCode', '==', '1001'],
      ],
      orderBy: { field: 'createdAt', dir: 'asc' },
    })!;
    expect(isDeclared(need, declared)).toBe(true);
    expect(
      isDeclared(
        need,
        declared.filter((d) => d.collectionGroup !== 'sightings'),
      ),
    ).toBe(false);
    const desc = requiredIndex('sightings', {
      where: [
        ['status', '==', 'received'],
        ['areaCode', '==', '1001'],
      ],
      orderBy: { field: 'createdAt', dir: 'desc' },
    })!;
    expect(isDeclared(desc, declared)).toBe(false);
  });
});
