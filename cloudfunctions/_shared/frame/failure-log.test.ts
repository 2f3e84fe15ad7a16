// The frame logs a failure's class and code only: an SDK error echoing the query (a keyword that is a phone number)
// leaves no trace of it in the function log.
import { failureLogLine, logFailure } from './failure-log';

const PHONE = '13912345678';

class DatabaseError extends Error {
  errCode = -502001;
  errMsg = `database request fail: query {"name":{"$regex":"${PHONE}\u0000"}} invalid`;
}

test('an SDK error: its class and errCode, never its message or errMsg', () => {
  const line = failureLogLine('search', new DatabaseError(`regex ${PHONE} invalid`));
  expect(line).toBe('[search] failed: DatabaseError errCode=-502001');
  expect(line).not.toContain(PHONE);
});

test('codes and names that are free text are left out', () => {
  const e = Object.assign(new Error(PHONE), { code: `bad ${PHONE}`, errCode: `${PHONE} is taken` });
  expect(failureLogLine('register', e)).toBe('[register] failed: Error');
  expect(failureLogLine('register', { code: 'ECONNRESET', errMsg: PHONE })).toBe('[register] failed: Object code=ECONNRESET');
  expect(failureLogLine('register', PHONE)).toBe('[register] failed: non-error string');
  expect(failureLogLine('register', null)).toBe('[register] failed: non-error object');
  const named = Object.assign(Object.create(null), { name: PHONE + ' x' });
  expect(failureLogLine('register', named)).toBe('[register] failed: object');
});

test('logFailure writes exactly the fixed line to console.error', () => {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    logFailure('search', new DatabaseError(PHONE));
    expect(spy.mock.calls).toEqual([['[search] failed: DatabaseError errCode=-502001']]);
  } finally {
    spy.mockRestore();
  }
});
