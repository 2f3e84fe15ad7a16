// Test support: the text of a PDF as pdf.js reads it (pdfjs-dist is ES modules only, so tests run it as a child
// process). Prints JSON: { pages: [{ text }], attachments: [{ name, mime, bytes }], info }.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const content = await (await doc.getPage(i)).getTextContent();
  pages.push({ text: content.items.map((item) => ('str' in item ? item.str : '')).join('') });
}
const files = (await doc.getAttachments()) ?? {};
const attachments = Object.values(files).map((a) => ({ name: a.filename, bytes: Buffer.from(a.content).toString('base64') }));
const { info } = await doc.getMetadata();
process.stdout.write(JSON.stringify({ pages, attachments, info }));
