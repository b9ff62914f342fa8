import type { NoticeBlock } from './model.ts';

/**
 * 延期通知书 and 中止通知书: the applicant is told in writing when the limit moves (行政许可法 第四十二条:
 * the reason for an extension is given to the applicant) and when a special procedure stops the clock
 * (第四十五条: the time of hearings, testing, expert review and the like is not counted, and the applicant
 * is told how long it takes). Kept beside pdf.ts, which renders them like every other notice.
 */
export type TimeNoticeData =
  | { kind: 'extended'; days: number; reason: string; previousDue: string | null; dueOn: string | null; approvedBy: string }
  | { kind: 'suspended'; procedure: string; reason: string; suspendedOn: string; expectedEndOn: string | null };

export const TIME_NOTICE_TITLES = { extended: '延期通知书', suspended: '中止通知书' } as const;

/** 第四十五条's procedures as a notice names them. */
export const PROCEDURE_NAMES: Record<string, string> = {
  hearing: '听证',
  auction: '招标、拍卖',
  testing: '检验、检测',
  inspection: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expert_review: '专家评审',
  public_notice: '公示',
  site_survey: '现场勘查',
};

function dateText(date: string | null): string {
  if (date === null) return '—';
  const [year, month, day] = date.split('-').map(Number);
  return `${String(year)}年${String(month)}月${String(day)}日`;
}

/** The fields and body of a 延期/中止通知书 (the frame — header, seal, receipt — is pdf.ts's). */
export function timeNoticeBody(data: TimeNoticeData, applied: string, phone: string): { fields: [string, string][]; body: NoticeBlock[] } {
  if (data.kind === 'extended') {
    return {
      fields: [
        ['原办结期限', dateText(data.previousDue)],
        ['延长期限', `${String(data.days)}个工作日`],
        ['新办结期限', dateText(data.dueOn)],
      ],
      body: [
        {
          style: 'paragraph',
          text: `${applied}，因${data.reason}，不能在原定期限内办结。依据《中华人民共和国行政许可法》第四十二条，经本中心负责人批准，办理期限延长${String(data.days)}个工作日，将于${dateText(data.dueOn)}前办结。`,
        },
        { style: 'paragraph', text: `特此告知。${phone}` },
      ],
    };
  }
  const procedure = PROCEDURE_NAMES[data.procedure] ?? data.procedure;
  return {
    fields: [
      ['特别程序', procedure],
      ['中止日期', dateText(data.suspendedOn)],
      ['预计结束', dateText(data.expectedEndOn)],
    ],
    body: [
      {
        style: 'paragraph',
        text: `${applied}，因需进行${procedure}（${data.reason}），本中心自${dateText(data.suspendedOn)}起中止计算办理期限。依据《中华人民共和国行政许可法》第四十五条，${procedure}所需时间不计算在办理期限内。`,
      },
      {
        style: 'paragraph',
        text: `${data.expectedEndOn ? `预计于${dateText(data.expectedEndOn)}结束。` : ''}程序结束后恢复计算办理期限，本中心将另行告知新的办结期限。${phone}`,
      },
    ],
  };
}
