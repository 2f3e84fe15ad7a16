// Every name a person can have prints as text: all 8,105 characters of 《通用规范汉字表》 are in the primary font and
// come back from the PDF as themselves; rare name characters beyond it (𠮷 U+20BB7, 䶮 U+4DAE, 堃, 赟, 昇, 喆, 珺) print
// through the fallbacks; a character no font has is printed as its code point and reported, never dropped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uncoveredCodePoints } from './fonts';
import { renderCertificatePdf } from './render';
import { assetsFor, extractPdf, packageFonts, recordLines, snapshotOf, squeezed } from './test-support';

const TABLE = readFileSync(join(__dirname, 'tongyong-guifan-hanzi-2013.txt'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t')[1]);

test('the committed table is the 8,105 distinct characters of 《通用规范汉字表》', () => {
  expect(TABLE).toHaveLength(8105);
  expect(new Set(TABLE).size).toBe(8105);
  expect([TABLE[0], TABLE[3499], TABLE[6499], TABLE[8104]]).toEqual(['一', '矗', '齉', '蠼']);
});

test('the primary font has every character of the table; the chain has the rare name characters', async () => {
  const [primary, ...fallbacks] = await packageFonts.all();
  expect(uncoveredCodePoints(TABLE.join(''), [primary])).toEqual([]);
  const rare = '𠮷䶮堃赟昇喆珺';
  expect(uncoveredCodePoints(rare, [primary]).map((cp) => cp.toString(16))).toEqual(['20bb7']);
  expect(uncoveredCodePoints(rare, [primary, ...fallbacks])).toEqual([]);
});

test('all 8,105 characters render as text and read back as themselves', async () => {
  // 81 records of 100 characters as 服务内容, so the whole table goes through the layout, subsetting and ToUnicode.
  const chunks = Array.from({ length: Math.ceil(TABLE.length / 100) }, (_, i) => TABLE.slice(i * 100, i * 100 + 100).join(''));
  const s = snapshotOf({ records: recordLines(chunks.length).map((r, i) => ({ ...r, content: chunks[i] })) });
  const pdf = await renderCertificatePdf(s, await assetsFor(s));
  expect(pdf.substituted).toEqual([]);
  const text = squeezed(extractPdf(pdf.bytes).pages.map((p) => p.text).join(''));
  for (const chunk of chunks) expect(text).toContain(chunk);
});

test('a name with 𠮷, 䶮 and 堃 prints as text through the fallback fonts', async () => {
  const s = snapshotOf({ volunteer: { ...snapshotOf().volunteer, name: '𠮷䶮堃' } });
  const assets = await assetsFor(s);
  expect(assets.fonts.map((f) => f.file)).toEqual(['NotoSansSC-Regular.ttf', 'NotoSansHK-Regular.ttf', 'NotoSansJP-Regular.ttf']);
  const pdf = await renderCertificatePdf(s, assets);
  expect(pdf.substituted).toEqual([]);
  expect(squeezed(extractPdf(pdf.bytes).pages[0].text)).toContain('姓名：𠮷䶮堃');
});

test('a certificate without rare characters fetches no fallback font', async () => {
  expect((await assetsFor(snapshotOf())).fonts.map((f) => f.file)).toEqual(['NotoSansSC-Regular.ttf']);
});

test('a character no font has prints as its code point and is reported', async () => {
  const fonts = await packageFonts.all();
  // The first CJK Extension B character none of the three fonts draws.
  let cp = 0x20000;
  while (fonts.some((f) => f.face.hasGlyphForCodePoint(cp))) cp++;
  const ch = String.fromCodePoint(cp);
  const code = `U+${cp.toString(16).toUpperCase()}`;
  const s = snapshotOf({ volunteer: { ...snapshotOf().volunteer, name: `林${ch}` } });
  const pdf = await renderCertificatePdf(s, await assetsFor(s));
  expect(pdf.substituted).toEqual([code]);
  expect(squeezed(extractPdf(pdf.bytes).pages[0].text)).toContain(`姓名：林[${code}]`);
});
