import { EncryptedPDFError, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import { refuseContent, refuseType, type Verdict } from './kinds.ts';

const ACTIVE_MESSAGE = 'PDF 含有脚本、自动执行的动作或嵌入文件，请“另存为”或“打印为”普通 PDF 后上传。';

/** Keys whose mere presence means scripts, embedded files, rich media or forms that submit or load data. */
const ACTIVE_KEYS = [
  'JavaScript',
  'JS',
  'EmbeddedFile',
  'EmbeddedFiles',
  'EF',
  'RichMedia',
  'RichMediaContent',
  'RichMediaSettings',
  'XFA',
];
/** Action types refused wherever they sit (ISO 32000 12.6.4). */
const ACTIVE_ACTIONS = [
  'JavaScript',
  'Launch',
  'SubmitForm',
  'ImportData',
  'RichMediaExecute',
  'GoToE',
  'GoToR',
  'Rendition',
  'Movie',
  'Sound',
];

const name = (value: string) => PDFName.of(value);

/**
 * A PDF is opened by a PDF library (pdf-lib) and must have at least one page; active content is
 * refused wherever it sits — every object of the file is visited, those inside object streams too
 * (pdf-lib unpacks them while loading), and names written with `#xx` escapes are decoded first.
 * `/OpenAction` and `/AA` may only jump within the document (a plain GoTo).
 */
export async function inspectPdf(bytes: Uint8Array): Promise<Verdict> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    if (error instanceof EncryptedPDFError) {
      // Its object streams are encrypted: what they hold cannot be checked.
      return refuseContent('pdf-encrypted', 'PDF 已加密（设置了密码或权限），无法检查其内容，请另存为未加密的 PDF 后上传。');
    }
    return refuseType('pdf-unreadable', '文件不是可以打开的 PDF（可能已损坏或只是伪装成 PDF），请重新导出后上传。');
  }
  let pages: number;
  try {
    pages = document.getPageCount();
  } catch {
    pages = 0;
  }
  if (pages < 1) return refuseType('pdf-no-pages', '文件不是可以打开的 PDF：其中没有任何页面，请重新导出后上传。');

  const context = document.context;
  const resolve = (value: PDFObject | undefined): PDFObject | undefined => (value instanceof PDFRef ? context.lookup(value) : value);
  const isPlainGoTo = (value: PDFObject | undefined, depth = 0): boolean => {
    const action = resolve(value);
    if (action instanceof PDFArray) return true; // a destination, not an action
    if (!(action instanceof PDFDict) || depth > 32) return false;
    if (action.get(name('S')) !== name('GoTo')) return false;
    const next = resolve(action.get(name('Next')));
    if (next === undefined) return true;
    if (next instanceof PDFArray) return next.asArray().every((item) => isPlainGoTo(item, depth + 1));
    return isPlainGoTo(next, depth + 1);
  };
  const isActiveDict = (dict: PDFDict): boolean => {
    if (ACTIVE_KEYS.some((key) => dict.has(name(key)))) return true;
    const subtype = dict.get(name('S'));
    if (subtype instanceof PDFName && ACTIVE_ACTIONS.some((action) => subtype === name(action))) return true;
    if (dict.get(name('Type')) === name('EmbeddedFile') || dict.get(name('Subtype')) === name('RichMedia')) return true;
    if (dict.has(name('OpenAction')) && !isPlainGoTo(dict.get(name('OpenAction')))) return true;
    const triggers = resolve(dict.get(name('AA')));
    if (triggers instanceof PDFDict && triggers.values().some((action) => !isPlainGoTo(action))) return true;
    return false;
  };

  // Every indirect object, and every dictionary nested directly inside one (an inline action).
  for (const [, object] of context.enumerateIndirectObjects()) {
    const pending: PDFObject[] = [object];
    while (pending.length > 0) {
      const current = pending.pop();
      const dict = current instanceof PDFRawStream ? current.dict : current instanceof PDFDict ? current : undefined;
      if (dict) {
        if (isActiveDict(dict)) return refuseContent('pdf-active-content', ACTIVE_MESSAGE);
        pending.push(...dict.values());
      } else if (current instanceof PDFArray) {
        pending.push(...current.asArray());
      }
    }
  }
  return { ok: true, mediaType: 'application/pdf' };
}
