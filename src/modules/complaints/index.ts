/**
 * 投诉·举报 (complaint): complaints, reports, 效能投诉 and 办不成事 reflections following GB/T 36113
 * (受理 → 调查 → 处置 → 反馈 → 归档), from the portal, the 意见箱, the 效能投诉电话 and 12345/8890 work orders;
 * deadlines on the working-day calendar with 预警/黄牌/红牌, answers by SMS, a 查询码 for anonymous
 * complainants, and accountability records for confirmed complaints.
 */
export { complaintStaffRoutes } from './routes.ts';
export { complaintPublicRoutes } from './public-routes.ts';
/** 电子监察 of complaints (run by a background job). */
export { runComplaintWarningJob } from './warnings.ts';
/** Demo complaints of the demo county, one in each stage. */
export { seedDemoComplaints } from './demo.ts';
/** How many confirmed complaints count against each staff member (performance). */
export { countAccountability as countComplaintAccountability } from './repo.ts';
/** Pure rules the web shares: stages, kinds, channels, verdicts, ratings, labels and who may do what. */
export {
  COMPLAINT_KIND_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_VERDICT_LABELS,
  COMPLAINT_RATING_LABELS,
  COMPLAINT_ACT_LABELS,
  allowedActs as allowedComplaintActs,
  type ComplaintKind,
  type ComplaintStatus,
} from './transitions.rules.ts';
export type { ComplaintView, ComplaintDetailView, ComplaintTrackView } from './schemas.ts';
/** 电子监察: complaints still being handled in some orgs. */
export { countOpenComplaints } from './repo.ts';
