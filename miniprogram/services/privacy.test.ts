import { AGREE_BUTTON_ID, createPrivacyGate, purposeOf } from './privacy';

describe('privacy gate', () => {
  it('refuses at once when no popup is on screen, so the API does not hang', () => {
    const gate = createPrivacyGate();
    const resolve = jest.fn();
    gate.request(resolve);
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
  });

  it('opens the latest popup and settles every waiting API with one answer', () => {
    const gate = createPrivacyGate();
    const first = jest.fn();
    const onScreen = jest.fn();
    gate.register(first);
    gate.register(onScreen);
    const a = jest.fn();
    const b = jest.fn();
    gate.request(a);
    gate.request(b);
    expect(first).not.toHaveBeenCalled();
    expect(onScreen).toHaveBeenCalledTimes(2);
    expect(onScreen).toHaveBeenCalledWith(''); // WeChat gave no referrer
    expect(a).toHaveBeenCalledWith({ event: 'exposureAuthorization' });

    gate.agree();
    expect(a).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID });
    expect(b).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID });

    gate.agree(); // nothing left waiting
    expect(a).toHaveBeenCalledTimes(2);
  });

  it('falls back to the previous popup when a page leaves', () => {
    const gate = createPrivacyGate();
    const previous = jest.fn();
    gate.register(previous);
    const unregister = gate.register(jest.fn());
    unregister();
    const resolve = jest.fn();
    gate.request(resolve);
    expect(previous).toHaveBeenCalled();
    gate.disagree();
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
  });
});

describe('purposes', () => {
  it('say what each API is for, and something honest for one without a sentence of its own', () => {
    expect(purposeOf('button.getPhoneNumber')).toContain('手机号');
    expect(purposeOf('getLocation')).toContain('位置');
    expect(purposeOf('setClipboardData')).toContain('剪贴板');
    expect(purposeOf('')).toBe('这项功能需要处理你的个人信息。');
  });
});
