/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// A region that allows registration from 10 (ZY_MIN_AGE=10): the form reads the rule from the server, so a
// 12-year-old is not refused on the phone; the guardian step shows the under-14 personal-information rules, and
// the server registers the child with the guardian's consent recorded.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { shanghaiDate } from '../../domain/calendar';
import { gb11643CheckChar } from '../../domain/checksum';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { fire, load, render, shot, textOf, typeInto, waitFor, type Rendered } from '../../test-support/simulate';

const id = (first17: string) => first17 + gb11643CheckChar(first17);
const yearsAgo = (n: number) => shanghaiDate(new Date()).year - n;

let emu: LocalCloud;
let bridge: EmulatorBridge;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: { ZY_MIN_AGE: '10' } });
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-child-10');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

const step = (page: Rendered) => (page.instance.data as { view: { step: string } }).view.step;

test('a 12-year-old registers with a guardian where the region allows it, and sees the under-14 rules', async () => {
  const redirectTo = jest.spyOn(wx, 'redirectTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  const page = render(load('volunteer/register/index'));
  await page.instance.onLoad();

  await typeInto(page, '#name', '张小弟');
  await typeInto(page, '#credential-number', id(`350102${yearsAgo(12)}0101123`));
  expect(page.querySelector('#too-young')).toBeFalsy();
  await fire(page, '#next', 'tap');
  await fire(page, '#phone-button', 'getphonenumber', { code: 'fake:13700002222' });
  await waitFor(() => textOf(page, '#phone-obtained'));
  await fire(page, '#region', 'change', { value: ['福建省', '福州市', '鼓楼区'], code: ['350000', '350100', '350102'] });
  await fire(page, '#next', 'tap');
  (page.instance as unknown as { onToggleIntention(e: object): void }).onToggleIntention({ currentTarget: { dataset: { code: 'environment' } } });
  await fire(page, '#next', 'tap');
  expect(step(page)).toBe('guardian');
  expect(textOf(page, '#under14-rules')).toContain('不满十四周岁未成年人个人信息处理规则');
  shot(page, 'under14-rules');

  await typeInto(page, '#guardian-name', '张国平');
  await fire(page, '#guardian-relation', 'change', { value: 0 });
  await typeInto(page, '#guardian-credential-number', id('35010219800101123'));
  await fire(page, '#guardian-agreed', 'tap');
  shot(page, 'guardian-filled');
  await fire(page, '#next', 'tap');
  expect(step(page)).toBe('consent');
  await fire(page, '#privacy', 'tap');
  await fire(page, '#submit', 'tap');

  await waitFor(() => redirectTo.mock.calls.length > 0);
  const [child] = (await serverDb(emu).collection('volunteers').where({ userId: userIdOf('openid-child-10') }).get()).data;
  expect(child).toMatchObject({ name: '张小弟', guardian: { name: '张国平', relation: 'father' } });
  expect((child.consents as Array<{ kind: string }>).map((c) => c.kind)).toEqual(['privacy', 'guardian']);
});
