// The personal-data registry against the declared collections: a collection added to database/collections.json
// without saying how "export my data" and "delete my account" treat it fails here.
import { loadCollections } from '../../../emulator/src/config';
import { DELETE_FILE_BATCH, PERSONAL_DATA, personalCollections } from './personal-data';
import { inBatches } from './paging';

const declared = loadCollections().map((c) => c.name).sort();

test('every declared collection is in the registry, and the registry names no undeclared one', () => {
  const missing = declared.filter((name) => !(name in PERSONAL_DATA));
  expect(missing).toEqual([]);
  expect(Object.keys(PERSONAL_DATA).sort()).toEqual(declared);
});

test('every personal collection is exported and erased; every other says why it holds nothing personal', () => {
  for (const [name, entry] of Object.entries(PERSONAL_DATA)) {
    if (entry.personal) {
      expect({ name, exported: typeof entry.exportRead }).toEqual({ name, exported: 'function' });
      expect({ name, erased: Boolean(entry.erase || entry.sweep) }).toEqual({ name, erased: true });
      expect(entry.holds.length).toBeGreaterThan(0);
      expect(entry.onDelete.length).toBeGreaterThan(0);
    } else {
      expect(entry.why.length).toBeGreaterThan(0);
    }
  }
  expect(personalCollections().map(([name]) => name)).toEqual(
    expect.arrayContaining(['users', 'volunteers', 'credentials', 'memberships', 'notifications', 'exports']),
  );
});

test('files are deleted in calls of at most 50 (CloudBase deleteFile)', () => {
  expect(DELETE_FILE_BATCH).toBe(50);
  const ids = Array.from({ length: 123 }, (_, i) => `cloud://f${i}`);
  const batches = inBatches(ids, DELETE_FILE_BATCH);
  expect(batches.map((b) => b.length)).toEqual([50, 50, 23]);
  expect(batches.flat()).toEqual(ids);
  expect(inBatches([], 50)).toEqual([]);
  expect(() => inBatches(ids, 0)).toThrow(RangeError);
});
