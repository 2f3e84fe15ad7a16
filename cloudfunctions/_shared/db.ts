// Small helpers over the stock SDK's database, for what every function needs the same way.

/** The SDK error thrown when a unique index (or a duplicate _id) rejects a write. */
export function isDuplicateKeyError(e: unknown): boolean {
  const message = typeof e === 'object' && e !== null ? String((e as { errMsg?: unknown; message?: unknown }).errMsg ?? (e as { message?: unknown }).message ?? '') : String(e);
  return /E11000|duplicate key/i.test(message);
}

type Database = ReturnType<typeof import('wx-server-sdk').database>;

/** `doc(id).get()` throws when the document is missing; most callers want null instead. */
export async function getOrNull<T>(db: Database, collection: string, id: string): Promise<T | null> {
  try {
    const res = (await db.collection(collection).doc(id).get()) as { data: unknown };
    return (Array.isArray(res.data) ? res.data[0] ?? null : res.data ?? null) as T | null;
  } catch (e) {
    if (/does not exist|cannot find document/i.test(String((e as { errMsg?: string }).errMsg ?? e))) return null;
    throw e;
  }
}
