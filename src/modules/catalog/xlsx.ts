import { VERIFICATION_DAYS_DEFAULT } from '../../shared/verification-period.ts';
import ExcelJS from 'exceljs';
import { fieldLabel } from './rules.ts';
import {
  AUDIENCE_LABELS,
  DELIVERY_LABELS,
  HANDLED_AT_LABELS,
  HANDLING_LABELS,
  ItemContent,
  MATERIAL_FORM_LABELS,
  type ItemContentInput,
} from './schemas.ts';

/**
 * The catalog as counties exchange it: one workbook, one row per item on 事项, one row per
 * material on 申请材料 and per fee on 收费. Lists inside a cell are one entry per line; a step is
 * "名称｜办理人｜天数".
 */
const ITEM_COLUMNS = [
  ['code', '事项编码'],
  ['name', '事项名称'],
  ['itemType', '事项类型'],
  ['audience', '服务对象'],
  ['department', '实施部门'],
  ['window', '办理窗口'],
  ['handledAt', '办理层级'],
  ['handling', '办理类型'],
  ['legalDays', '法定时限'],
  ['promisedDays', '承诺时限'],
  ['dayKind', '时限单位'],
  ['basis', '办事依据'],
  ['conditions', '办理条件'],
  ['procedure', '办理程序'],
  ['specialSteps', '特殊环节'],
  ['situations', '办理情形'],
  ['delivery', '送达方式'],
  ['address', '办理地点'],
  ['officeHours', '办理时间'],
  ['staff', '经办人员'],
  ['consultPhone', '咨询电话'],
  ['supervisePhone', '监督电话'],
  ['agentable', '可村代办'],
  ['online', '可网上办'],
  ['appointment', '可预约'],
  ['maxVisits', '最多跑动次数'],
  ['verificationDays', '告知承诺核查期限'],
  ['lifeEvents', '一件事'],
  ['keywords', '搜索关键词'],
] as const;
const MATERIAL_COLUMNS = ['事项编码', '材料名称', '是否必需', '材料形式', '份数', '可容缺', '适用情形', '备注', '可告知承诺'] as const;
const FEE_COLUMNS = ['事项编码', '收费项目', '金额（元）', '收费依据'] as const;
const SEP = '｜';
const DAY_KIND_LABELS = { working: '工作日', calendar: '自然日' } as const;

const yesNo = (value: boolean) => (value ? '是' : '否');
const lines = (list: readonly string[]) => list.join('\n');

function invert<K extends string>(labels: Record<K, string>): Map<string, K> {
  return new Map(Object.entries(labels).map(([key, label]) => [label as string, key as K]));
}

function itemRow(content: ItemContent): (string | number)[] {
  const values: Record<(typeof ITEM_COLUMNS)[number][0], string | number> = {
    code: content.code,
    name: content.name,
    itemType: content.itemType,
    audience: content.audience.map((a) => AUDIENCE_LABELS[a]).join('、'),
    department: content.department,
    window: content.window,
    handledAt: HANDLED_AT_LABELS[content.handledAt],
    handling: HANDLING_LABELS[content.handling],
    legalDays: content.legalDays,
    promisedDays: content.promisedDays,
    dayKind: DAY_KIND_LABELS[content.dayKind],
    basis: lines(content.basis),
    conditions: lines(content.conditions),
    procedure: lines(content.procedure.map((s) => [s.name, s.actor, s.days === null ? '' : String(s.days)].join(SEP))),
    specialSteps: lines(content.specialSteps.map((s) => [s.name, String(s.days), s.basis, s.fee, yesNo(s.countsInLimit)].join(SEP))),
    situations: lines(content.situations.map((s) => `${s.id}${SEP}${s.name}`)),
    delivery: content.delivery.map((d) => DELIVERY_LABELS[d]).join('、'),
    address: content.location.address,
    officeHours: content.location.officeHours,
    staff: content.contacts.staff,
    consultPhone: content.contacts.consultPhone,
    supervisePhone: content.contacts.supervisePhone,
    agentable: yesNo(content.agentable),
    online: yesNo(content.online),
    appointment: yesNo(content.appointment),
    maxVisits: content.maxVisits,
    verificationDays: content.verificationDays,
    lifeEvents: content.lifeEvents.join('、'),
    keywords: content.keywords.join('、'),
  };
  return ITEM_COLUMNS.map(([key]) => values[key]);
}

/** Writes the catalog workbook (also the blank template when `items` is empty). */
export async function writeCatalogWorkbook(items: readonly ItemContent[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '一站';
  const sheet = book.addWorksheet('事项');
  sheet.addRow(ITEM_COLUMNS.map(([, label]) => label));
  for (const item of items) sheet.addRow(itemRow(item));
  const materials = book.addWorksheet('申请材料');
  materials.addRow([...MATERIAL_COLUMNS]);
  const fees = book.addWorksheet('收费');
  fees.addRow([...FEE_COLUMNS]);
  for (const item of items) {
    for (const m of item.materials) {
      materials.addRow([
        item.code,
        m.name,
        yesNo(m.required),
        MATERIAL_FORM_LABELS[m.form],
        m.copies,
        yesNo(m.pendingAllowed),
        m.situations.join('、'),
        m.notes,
        yesNo(m.commitmentAllowed),
      ]);
    }
    for (const fee of item.fees) fees.addRow([item.code, fee.name, fee.amount, fee.basis]);
  }
  for (const ws of [sheet, materials, fees]) {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((column) => {
      column.width = 18;
    });
  }
  const help = book.addWorksheet('填写说明');
  for (const line of [
    '1. 每个事项在“事项”表占一行，材料和收费分别在“申请材料”“收费”表，用事项编码关联。',
    '2. 单元格内多条内容（依据、条件、程序等）每条一行（Alt+Enter 换行）。',
    `3. 办理程序每行写“环节名称${SEP}办理人${SEP}天数”；特殊环节写“名称${SEP}天数${SEP}依据${SEP}收费${SEP}是否计入时限”；办理情形写“编号${SEP}名称”。`,
    `4. 办理类型：${Object.values(HANDLING_LABELS).join('、')}；服务对象：个人、法人；是/否 栏填“是”或“否”。`,
    '5. 承诺时限不得超过法定时限；收费须写明依据；任何一行有误则整表不导入，并逐行列出原因。',
    `6. 各列按表头名称读取，顺序可调整，可加“序号”列；表头须与模板一致，多出或缺少的列会被指出。告知承诺核查期限留空为 ${String(VERIFICATION_DAYS_DEFAULT)} 个工作日。`,
  ]) {
    help.addRow([line]);
  }
  help.getColumn(1).width = 120;
  return Buffer.from(await book.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return value.text;
    if ('result' in value) return typeof value.result === 'string' || typeof value.result === 'number' ? String(value.result) : '';
    if (value instanceof Date) return value.toISOString();
    return '';
  }
  return String(value).trim();
}

/** A workbook refused as a whole (not a catalog workbook, a column unknown or missing): the reason in the sheet's words. */
export class WorkbookRefusal extends Error {}

/** Columns a workbook made before they existed may lack (blank then: the default). */
const OPTIONAL_HEADERS = new Set(['告知承诺核查期限', '可告知承诺']);
/** A column people add to number their rows: read past, never a field. */
const IGNORED_HEADERS = new Set(['序号']);

/**
 * The data rows of a sheet, each cell found by its header's name (not its position: a column moved or
 * inserted reads the same); an unknown header or a missing one refuses the workbook, naming it.
 */
function headedRows(sheet: ExcelJS.Worksheet | undefined, sheetName: string, labels: readonly string[]) {
  if (!sheet) return [];
  const header = sheet.getRow(1);
  const positions = new Map<string, number>();
  for (let column = 1; column <= header.cellCount; column += 1) {
    const label = cellText(header.getCell(column).value);
    if (label === '' || IGNORED_HEADERS.has(label)) continue;
    if (!labels.includes(label)) throw new WorkbookRefusal(`“${sheetName}”表有无法识别的列“${label}”，可用的列：${labels.join('、')}`);
    if (positions.has(label)) throw new WorkbookRefusal(`“${sheetName}”表的列“${label}”出现了两次`);
    positions.set(label, column);
  }
  const missing = labels.filter((label) => !positions.has(label) && !OPTIONAL_HEADERS.has(label));
  if (missing.length > 0) throw new WorkbookRefusal(`“${sheetName}”表缺少列：${missing.join('、')}（请使用“模板”生成的表头）`);
  const rows: { row: number; get: (label: string) => string }[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const get = (label: string) => {
      const column = positions.get(label);
      return column === undefined ? '' : cellText(row.getCell(column).value);
    };
    if (labels.some((label) => get(label) !== '')) rows.push({ row: number, get });
  });
  return rows;
}

const splitLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
const splitList = (text: string) =>
  text
    .split(/[、,，;；\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
const toNumber = (text: string): number => (text === '' ? Number.NaN : Number(text));

/** One parsed row: the content to validate, or the problems found reading the cells. */
export interface WorkbookRow {
  row: number;
  code: string;
  input: ItemContentInput;
  problems: string[];
}

function yes(text: string, label: string, problems: string[]): boolean {
  if (text === '是') return true;
  if (text === '否' || text === '') return false;
  problems.push(`“${label}”应填“是”或“否”，而不是“${text}”`);
  return false;
}

function fromLabel<K extends string>(labels: Record<K, string>, text: string, label: string, problems: string[]): K | undefined {
  const key = invert(labels).get(text) ?? ((Object.keys(labels) as K[]).includes(text as K) ? (text as K) : undefined);
  if (key === undefined && text !== '') problems.push(`“${label}”的值“${text}”无法识别，可选：${Object.values<string>(labels).join('、')}`);
  return key;
}

/** Reads the catalog workbook back into item contents, row by row (not yet validated). */
export async function readCatalogWorkbook(bytes: Uint8Array): Promise<WorkbookRow[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const materials = new Map<string, NonNullable<ItemContentInput['materials']>>();
  const materialProblems = new Map<string, string[]>();
  const items = book.getWorksheet('事项');
  if (!items) throw new WorkbookRefusal('工作簿中没有“事项”表，请使用“模板”或“导出”生成的文件。');
  for (const { row, get } of headedRows(book.getWorksheet('申请材料'), '申请材料', MATERIAL_COLUMNS)) {
    const [code = '', name = '', required = '', form = '', copies = '', pending = '', situations = '', notes = '', commitment = ''] =
      MATERIAL_COLUMNS.map(get);
    const problems = materialProblems.get(code) ?? [];
    const list = materials.get(code) ?? [];
    const where = `申请材料表第 ${row} 行`;
    const local: string[] = [];
    list.push({
      name,
      // Blank means required, as in the API and the guide editor: a material is optional only when the sheet says so.
      required: required === '' ? true : yes(required, '是否必需', local),
      form: fromLabel(MATERIAL_FORM_LABELS, form, '材料形式', local) ?? 'original',
      copies: copies === '' ? 1 : toNumber(copies),
      pendingAllowed: yes(pending, '可容缺', local),
      situations: splitList(situations),
      notes,
      // Last column, so a workbook from before it existed still reads (blank = 否).
      commitmentAllowed: yes(commitment, '可告知承诺', local),
    });
    problems.push(...local.map((problem) => `${where}：${problem}`));
    materials.set(code, list);
    materialProblems.set(code, problems);
  }
  const fees = new Map<string, NonNullable<ItemContentInput['fees']>>();
  for (const { get } of headedRows(book.getWorksheet('收费'), '收费', FEE_COLUMNS)) {
    const [code = '', name = '', amount = '', basis = ''] = FEE_COLUMNS.map(get);
    fees.set(code, [...(fees.get(code) ?? []), { name, amount: toNumber(amount), basis }]);
  }
  const itemLabels = ITEM_COLUMNS.map(([, label]) => label);
  return headedRows(items, '事项', itemLabels).map(({ row, get: byLabel }) => {
    const get = (key: (typeof ITEM_COLUMNS)[number][0]) => byLabel(ITEM_COLUMNS.find(([k]) => k === key)?.[1] ?? '');
    const code = get('code');
    const problems = [...(materialProblems.get(code) ?? [])];
    const audience = splitList(get('audience')).map((label) => fromLabel(AUDIENCE_LABELS, label, '服务对象', problems));
    const delivery = splitList(get('delivery')).map((label) => fromLabel(DELIVERY_LABELS, label, '送达方式', problems));
    const input: ItemContentInput = {
      code,
      name: get('name'),
      itemType: get('itemType') as ItemContentInput['itemType'],
      audience: audience.filter((a) => a !== undefined),
      department: get('department'),
      window: get('window'),
      handledAt: fromLabel(HANDLED_AT_LABELS, get('handledAt'), '办理层级', problems) ?? 'township',
      handling: fromLabel(HANDLING_LABELS, get('handling'), '办理类型', problems) as ItemContentInput['handling'],
      legalDays: toNumber(get('legalDays')),
      promisedDays: toNumber(get('promisedDays')),
      dayKind: fromLabel(DAY_KIND_LABELS, get('dayKind'), '时限单位', problems) ?? 'working',
      basis: splitLines(get('basis')),
      conditions: splitLines(get('conditions')),
      procedure: splitLines(get('procedure')).map((line) => {
        const [name = '', actor = '', days = ''] = line.split(SEP);
        return { name, actor, days: days === '' ? null : toNumber(days) };
      }),
      specialSteps: splitLines(get('specialSteps')).map((line) => {
        const [name = '', days = '', basis = '', fee = '', counts = ''] = line.split(SEP);
        return { name, days: toNumber(days), basis, fee, countsInLimit: yes(counts, '特殊环节是否计入时限', problems) };
      }),
      situations: splitLines(get('situations')).map((line) => {
        const [id = '', name = ''] = line.split(SEP);
        return { id, name };
      }),
      materials: materials.get(code) ?? [],
      fees: fees.get(code) ?? [],
      delivery: delivery.filter((d) => d !== undefined),
      location: { address: get('address'), officeHours: get('officeHours') },
      contacts: { staff: get('staff'), consultPhone: get('consultPhone'), supervisePhone: get('supervisePhone') },
      agentable: yes(get('agentable'), '可村代办', problems),
      online: yes(get('online'), '可网上办', problems),
      appointment: yes(get('appointment'), '可预约', problems),
      maxVisits: get('maxVisits') === '' ? 1 : toNumber(get('maxVisits')),
      // An empty cell (or a workbook made before the column existed) leaves the default period.
      ...(get('verificationDays') === '' ? {} : { verificationDays: toNumber(get('verificationDays')) }),
      lifeEvents: splitList(get('lifeEvents')),
      keywords: splitList(get('keywords')),
    };
    return { row, code, input, problems };
  });
}

/** Parses content with zod's Chinese messages, naming each field by its column label. */
export function parseContent(input: unknown): { content: ItemContent | null; problems: string[] } {
  const parsed = ItemContent.safeParse(input);
  if (parsed.success) return { content: parsed.data, problems: [] };
  const labels = new Map<string, string>(ITEM_COLUMNS.map(([key, label]) => [key, label]));
  const problems = parsed.error.issues.map((issue) => {
    const [head, ...rest] = issue.path.map(String);
    const field = head === undefined ? '' : (labels.get(head) ?? fieldLabel(head));
    return `${field}${rest.length > 0 ? `[${rest.join('.')}]` : ''}：${issue.message}`;
  });
  return { content: null, problems };
}
