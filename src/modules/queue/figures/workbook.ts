import ExcelJS from 'exceljs';
import { workerTasks } from '../../../kernel/heavy-work.ts';
import type { FigureRow, FiguresView } from './schemas.ts';

const COLUMNS: { header: string; value: (row: FigureRow) => string | number | null; width: number }[] = [
  { header: '项目', value: (row) => row.label, width: 22 },
  { header: '取号', value: (row) => row.issued, width: 8 },
  { header: '叫号', value: (row) => row.called, width: 8 },
  { header: '办结', value: (row) => row.served, width: 8 },
  { header: '过号', value: (row) => row.noShows, width: 8 },
  { header: '过号率', value: (row) => row.noShowRate, width: 9 },
  { header: '平均等候（分钟）', value: (row) => row.averageWaitMinutes, width: 16 },
  { header: '平均办理（分钟）', value: (row) => row.averageServiceMinutes, width: 16 },
  { header: '办件', value: (row) => row.cases, width: 8 },
  { header: '咨询', value: (row) => row.consultations, width: 8 },
  { header: '评价', value: (row) => row.ratings, width: 8 },
  { header: '平均评分（5 分制）', value: (row) => row.averageRating, width: 18 },
  { header: '预约', value: (row) => row.booked, width: 8 },
  { header: '预约签到', value: (row) => row.checkedIn, width: 10 },
];

/** 大厅统计 as .xlsx: one sheet per view (按日、按时段、按类别、按窗口、按人员). Runs on the worker pool. */
export async function hallFiguresWorkbook(orgName: string, figures: FiguresView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheets: [string, FigureRow[]][] = [
    ['按日', figures.byDay],
    ['按时段', figures.byHour],
    ['按类别', figures.byCategory],
    ['按窗口', figures.byWindow],
    ['按人员', figures.byStaff],
  ];
  for (const [name, rows] of sheets) {
    const sheet = book.addWorksheet(name);
    sheet.addRow([`${orgName} 大厅统计 ${figures.from} 至 ${figures.to}`]);
    sheet.addRow(COLUMNS.map((column) => column.header)).font = { bold: true };
    for (const row of [...rows, figures.total]) sheet.addRow(COLUMNS.map((column) => column.value(row)));
    COLUMNS.forEach((column, index) => (sheet.getColumn(index + 1).width = column.width));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const figureTasks = workerTasks(import.meta.url, { hallFiguresWorkbook });
