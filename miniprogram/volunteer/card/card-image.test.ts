// What the saved card image says, read from its drawing operations: name, number, organizations, registration date,
// hours, the stars drawn one by one, the mini-program code and the static code in text — never the rotating
// check-in code or a certificate number — and paint() replays exactly those operations on a 2D context.
import type { CardProofResponse } from '../../../typings/certificate-card';
import { CARD_IMAGE_HEIGHT, CARD_IMAGE_WIDTH, cardImageOperations, wrapText, type DrawOp } from './card-image';
import { paint, type Paint2D } from './paint';

const CODE = 'ZY350102260000017XK7QM3XPART9WHC';
function proofResponse(overrides: Partial<CardProofResponse> = {}): CardProofResponse {
  return {
    name: '林晓梅',
    volunteerNo: 'ZY350102260000017X',
    organizations: ['福州市鼓楼区温泉街道志愿服务队', '鼓楼区应急救援志愿者协会'],
    registeredOn: '2026-03-01',
    starLevel: 3,
    confirmedHours: 312.5,
    proof: { code: CODE, spaced: 'ZY350102260000017X K7QM 3XPA RT9W HC', miniProgramCode: 'data:image/png;base64,iVBORw0KGgo=' },
    ...overrides,
  };
}
const texts = (ops: DrawOp[]) => ops.flatMap((o) => (o.op === 'text' ? [o.text] : []));

test('the image shows the card and its static verification code', () => {
  const ops = cardImageOperations(proofResponse());
  const words = texts(ops);
  expect(words).toEqual(expect.arrayContaining(['志愿服务证', '林晓梅', 'ZY350102260000017X', '2026-03-01', '312.5 小时', '3星志愿者', '微信扫码核验志愿者身份']));
  expect(words).toContain('核验码 ZY350102260000017X K7QM 3XPA RT9W HC');
  expect(words.join('')).toContain('福州市鼓楼区温泉街道志愿服务队、鼓楼区应急救援志愿者协会'.slice(0, 15));
  expect(ops.filter((o) => o.op === 'star')).toHaveLength(3);
  expect(ops.filter((o) => o.op === 'image')).toEqual([{ op: 'image', source: 'miniProgramCode', x: 225, y: expect.any(Number), width: 300, height: 300 }]);
});

test('never the rotating check-in code, a certificate number or a fee', () => {
  const rotating = 'ZYC1.vol-abc.1x2y3z.AAAAAAAAAAAAAAAAAAAAAA';
  // Even if a caller passed more than the contract holds, only the contract's fields are drawn.
  const ops = cardImageOperations({ ...proofResponse(), qr: { payload: rotating }, certificateNo: 'ZM35010226000000123' } as unknown as CardProofResponse);
  const all = JSON.stringify(ops);
  expect(all).not.toContain('ZYC1');
  expect(all).not.toContain(rotating);
  expect(all).not.toMatch(/ZM\d{6}/);
  expect(all).not.toMatch(/费|价|支付|付款|fee|price|pay/i);
});

test('no stars yet: 暂无星级 and no star drawn; no organization: 暂未加入组织', () => {
  const ops = cardImageOperations(proofResponse({ starLevel: null, confirmedHours: 0, organizations: [] }));
  expect(texts(ops)).toEqual(expect.arrayContaining(['暂无星级', '0.0 小时', '暂未加入组织']));
  expect(ops.filter((o) => o.op === 'star')).toHaveLength(0);
});

test('everything is drawn inside the image, however many organizations', () => {
  const many = Array.from({ length: 12 }, (_, i) => `第${i + 1}志愿服务队`);
  const ops = cardImageOperations(proofResponse({ organizations: many, starLevel: 5 }));
  for (const o of ops) {
    const [x, y] = o.op === 'star' ? [o.cx, o.cy] : [o.x, o.y];
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(CARD_IMAGE_WIDTH);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y + (o.op === 'image' || o.op === 'rect' ? o.height : 0)).toBeLessThanOrEqual(CARD_IMAGE_HEIGHT);
  }
  // Three lines of organizations at most, the last cut with …
  const orgLines = texts(ops).filter((t) => t.includes('志愿服务队'));
  expect(orgLines).toHaveLength(3);
  expect(orgLines[2]).toMatch(/…$/);
  // The code sits below the last row.
  const image = ops.find((o) => o.op === 'image')!;
  const lastRowY = Math.max(...ops.flatMap((o) => (o.op === 'text' && o.text === '5星志愿者' ? [o.y] : [])));
  expect(image.op === 'image' && image.y).toBeGreaterThan(lastRowY);
});

test('wrapText counts a CJK character as two units and an ASCII one as one', () => {
  expect(wrapText('甲乙丙丁', 4, 3)).toEqual(['甲乙', '丙丁']);
  expect(wrapText('ab甲cd', 4, 3)).toEqual(['ab甲', 'cd']);
  expect(wrapText('甲乙丙丁戊己', 4, 2)).toEqual(['甲乙', '丙…']);
  expect(wrapText('', 4, 2)).toEqual([]);
  // A 、 never starts a line: it hangs at the end of the one before.
  expect(wrapText('甲乙、丙丁', 4, 3)).toEqual(['甲乙、', '丙丁']);
});

test('paint replays every operation: each text with its font, the stars as paths, the code as the given image', () => {
  const calls: string[] = [];
  const drawn: unknown[] = [];
  const ctx: Paint2D = {
    fillStyle: '',
    font: '',
    textAlign: '',
    textBaseline: '',
    beginPath: () => calls.push('beginPath'),
    closePath: () => calls.push('closePath'),
    moveTo: () => calls.push('moveTo'),
    lineTo: () => calls.push('lineTo'),
    arcTo: () => calls.push('arcTo'),
    fill: () => calls.push('fill'),
    fillRect: () => calls.push('fillRect'),
    fillText(text: string) {
      calls.push(`text:${ctx.font}:${text}`);
    },
    drawImage: (image: unknown) => drawn.push(image),
  };
  const ops = cardImageOperations(proofResponse());
  const codeImage = { src: '/usr/card-verification-code.png' };
  paint(ctx, ops, { miniProgramCode: codeImage });
  const painted = calls.filter((c) => c.startsWith('text:'));
  expect(painted.map((c) => c.split(':').slice(2).join(':'))).toEqual(texts(ops));
  expect(painted.find((c) => c.endsWith(':林晓梅'))).toMatch(/^text:bold 56px /);
  expect(painted.find((c) => c.endsWith('HC'))).toMatch(/monospace/);
  expect(drawn).toEqual([codeImage]);
  // Three stars of ten points each.
  expect(calls.filter((c) => c === 'lineTo')).toHaveLength(27);
});
