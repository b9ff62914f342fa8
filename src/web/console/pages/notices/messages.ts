/** Words of the notices page (通知): merged into the console's locales when the page loads. */
export const noticesMessages = {
  'zh-CN': {
    title: '发给群众的通知',
    intro: '受理、补正、办结、延期等告知短信。配置了短信网关的通过短信发出；未配置的在此留存，由窗口电话或当面告知。',
    statuses: { pending: '待发送', sent: '已发送', failed: '发送失败' },
    channels: { console: '控制台留存', sms: '短信' },
    recipient: '接收号码',
    attempts: '已尝试 {n} 次',
    lastError: '失败原因',
    openCase: '查看办件',
    empty: '还没有发给群众的通知。',
    loadMore: '显示更多',
  },
  en: {
    title: 'Notices to citizens',
    intro:
      'Messages about acceptance, supplements, conclusion and extensions. Sent by SMS when a gateway is set; otherwise kept here for the window to pass on.',
    statuses: { pending: 'Pending', sent: 'Sent', failed: 'Failed' },
    channels: { console: 'Kept in console', sms: 'SMS' },
    recipient: 'Recipient',
    attempts: '{n} attempts',
    lastError: 'Last error',
    openCase: 'Open case',
    empty: 'No notices yet.',
    loadMore: 'Show more',
  },
};

let merged = false;

export function mergeNoticesMessages(merge: (locale: string, messages: Record<string, unknown>) => void): void {
  if (merged) return;
  merged = true;
  merge('zh-CN', { notices: noticesMessages['zh-CN'] });
  merge('en', { notices: noticesMessages.en });
}
