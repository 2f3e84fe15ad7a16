// followerOfUser through the emulator, end to end: a person follows the fake official account, WeChat pushes the
// subscribe to the follower function, which asks user/info for the unionid; the same person opens the mini-program
// (user.session records the unionid from the context); the dispatcher's read then finds the follow, through the stock
// wx-server-sdk as the dispatcher makes it.
import type { Emulator } from '../../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../../emulator/test/support';
import { followerDoc } from '../../follower/test-support';
import { userIdOf } from '../documents/ids';
import type { UserDoc } from '../documents/user';
import { getOrNull } from './db';
import { followerOfUser } from './followers';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu.stop());

async function userAfterSession(openid: string, unionid?: string): Promise<UserDoc> {
  const res = await caller(emu, openid, unionid ? { 'x-wx-unionid': unionid } : {}).call('user', 'session', {});
  expect(res.ok).toBe(true);
  return (await getOrNull<UserDoc>(serverSdk(emu).database(), 'users', userIdOf(openid)))!;
}

test('a volunteer who follows the account is linked to the follow by the unionid, while it lasts', async () => {
  const db = serverSdk(emu).database();
  await emu.wechat.officialAccount.follow('oa-openid-lin', { unionid: 'union-lin' });
  expect(await followerDoc(emu, 'oa-openid-lin')).toMatchObject({ subscribed: true, unionid: 'union-lin' });

  const lin = await userAfterSession('mp-openid-lin', 'union-lin');
  expect(await followerOfUser(db, lin)).toMatchObject({ openid: 'oa-openid-lin', subscribed: true });

  await emu.wechat.officialAccount.unfollow('oa-openid-lin');
  expect(await followerOfUser(db, lin)).toBeNull();
});

test('no unionid on the user, another unionid, or an account not bound to an open platform: no follower', async () => {
  const db = serverSdk(emu).database();
  await emu.wechat.officialAccount.follow('oa-openid-wang', { unionid: 'union-wang' });
  expect(await followerOfUser(db, await userAfterSession('mp-openid-wang'))).toBeNull();
  expect(await followerOfUser(db, await userAfterSession('mp-openid-zheng', 'union-zheng'))).toBeNull();

  // Unbound, user/info answers no unionid: the follow is kept, linked to nobody.
  emu.wechat.officialAccount.openPlatformBound = false;
  try {
    await emu.wechat.officialAccount.follow('oa-openid-huang', { unionid: 'union-huang' });
  } finally {
    emu.wechat.officialAccount.openPlatformBound = true;
  }
  expect(await followerDoc(emu, 'oa-openid-huang')).toMatchObject({ subscribed: true });
  expect(await followerDoc(emu, 'oa-openid-huang')).not.toHaveProperty('unionid');
  expect(await followerOfUser(db, await userAfterSession('mp-openid-huang', 'union-huang'))).toBeNull();
});
