import { get, read, reads, scoped, send, type ProbeTable, type ProbeTarget } from './tenancy-probe-kit.ts';

/** R4 probes of 投诉·举报 (src/modules/complaints). Bodies are valid for each act. */

/** Roles of kernel/permissions.rules.ts (complaint.read, complaint.handle), spelled out so the table reads alone. */
const C = {
  read: ['director', 'county_admin', 'supervisor', 'window_staff'],
  handle: ['director', 'county_admin'],
} as const;

const ACT_BODIES: Record<string, Record<string, unknown>> = {
  accept: {},
  refuse: { reason: '越权不予受理' },
  investigate: { finding: '越权调查', verdict: 'false', disposal: '越权处置' },
  answer: { answer: '越权答复' },
  archive: {},
};

const complaintUrl =
  (act: string) =>
  ({ w }: ProbeTarget) =>
    `/api/complaints/${w.complaints.complaint.id}${act ? `/${act}` : ''}`;

const acts: ProbeTable = Object.fromEntries(
  Object.entries(ACT_BODIES).map(([act, body]) => [
    `POST /api/complaints/{id}/${act}`,
    scoped(
      C.read,
      'COMPLAINT_NOT_FOUND',
      send('POST', complaintUrl(act), ({ w }) => ({ version: w.complaints.complaint.version, ...body })),
    ),
  ]),
);

export const COMPLAINT_PROBES: ProbeTable = {
  ...acts,
  'GET /api/complaints': reads(C.read, read(get(() => '/api/complaints?status=all'))),
  'GET /api/complaints/{id}': scoped(C.read, 'COMPLAINT_NOT_FOUND', get(complaintUrl(''))),
  'POST /api/complaints': scoped(
    C.handle,
    'COMPLAINT_ORG_NOT_FOUND',
    send(
      'POST',
      () => '/api/complaints',
      ({ w }) => ({ orgId: w.town.township.id, channel: 'phone', content: '越权登记的电话投诉内容' }),
    ),
    send(
      'POST',
      () => '/api/complaints',
      ({ w }) => ({ orgId: w.county.county.id, channel: 'phone', content: '越权登记的电话投诉内容' }),
    ),
  ),
  'GET /api/complaint-settings': scoped(
    C.handle,
    'COMPLAINT_ORG_NOT_FOUND',
    get(({ w }) => `/api/complaint-settings?orgId=${w.town.township.id}`),
    get(({ w }) => `/api/complaint-settings?orgId=${w.county.county.id}`),
  ),
  'PUT /api/complaint-settings': scoped(
    C.handle,
    'COMPLAINT_ORG_NOT_FOUND',
    send(
      'PUT',
      () => '/api/complaint-settings',
      ({ w }) => ({ orgId: w.town.township.id, answerDays: 12, version: 1 }),
    ),
  ),
  'POST /api/public/complaints/codes': { public: '网上投诉: anyone may ask a center for an SMS code to their own phone (rate-limited)' },
  'POST /api/public/complaints': { public: '网上投诉: anyone may complain to a center, anonymously or with a verified phone' },
  'GET /api/public/complaints/{trackingCode}': {
    public: '查询码: the holder of the code reads its stage and answer, nothing about staff',
    request: get(({ w }) => `/api/public/complaints/${w.complaints.trackingCode}`),
  },
  'POST /api/public/complaints/{trackingCode}/rating': { public: '查询码: the real-name complainant rates the answer once' },
};
