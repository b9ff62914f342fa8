import { atCounty, get, R, read, reads, refuse, scoped, send, skip, type ProbeTable, type ProbeTarget } from './tenancy-probe-kit.ts';

/** R4 probes of the work itself: cases (acts, steps, notices) and village agency. Bodies are valid for each act. */

const caseUrl =
  (act: string) =>
  ({ w }: ProbeTarget) =>
    `/api/cases/${w.case.id}${act ? `/${act}` : ''}`;
const withVersion =
  (body: Record<string, unknown> = {}) =>
  ({ w }: ProbeTarget) => ({ version: w.case.version, ...body });

const orderUrl =
  (act: string) =>
  ({ w }: ProbeTarget) =>
    `/api/supervision-orders/${w.orders.order.id}${act ? `/${act}` : ''}`;

/** Every staff act on a case, with a body that passes its schema (src/modules/cases/schemas.ts ActBodies). */
const CASE_ACT_BODIES: Record<string, Record<string, unknown>> = {
  accept: { note: '越权受理' },
  refuse: { reason: '越权不予受理' },
  'request-supplement': { materials: [{ name: '户口簿', reason: '越权补正' }] },
  supplement: { materials: [{ name: '户口簿' }] },
  'accept-pending': { pendingMaterials: ['户口簿'], pendingDueOn: '2026-10-30' },
  suspend: { procedure: 'hearing', reason: '越权挂起' },
  resume: { result: '越权恢复' },
  extend: { days: 5, reason: '越权延期' },
  'request-extension': { days: 5, reason: '越权申请延期' },
  'approve-extension': { note: '越权批准' },
  'refuse-extension': { reason: '越权不批准' },
  escalate: { to: '县自然资源局', note: '越权上报' },
  'county-accept': { countyCaseNo: 'X-1', acceptedOn: '2026-10-15', dueOn: '2026-11-15' },
  'county-result': { result: 'granted', decidedOn: '2026-10-15' },
  conclude: { result: 'granted' },
  deliver: { method: 'window' },
  'settle-fee': { outcome: 'paid', receiptNo: 'R-1' },
  close: {},
  withdraw: { reason: '越权撤回' },
};

const caseActs: ProbeTable = Object.fromEntries(
  Object.entries(CASE_ACT_BODIES).map(([act, body]) => [
    `POST /api/cases/{id}/${act}`,
    scoped(R.caseWork, 'CASE_NOT_FOUND', send('POST', caseUrl(act), withVersion(body))),
  ]),
);

const stepUrl =
  (act: string) =>
  ({ w }: ProbeTarget) =>
    `/api/cases/${w.case.id}/steps/${w.case.stepId}/${act}`;
const stepVersion =
  (body: Record<string, unknown>) =>
  ({ w }: ProbeTarget) => ({ version: w.case.stepVersion, ...body });

export const CASE_PROBES: ProbeTable = {
  ...caseActs,
  'POST /api/cases': scoped(
    R.caseWork,
    // The only object a new case takes is an uploaded file: another township's is "not there".
    'CASE_INVALID',
    send(
      'POST',
      () => '/api/cases',
      ({ w }) => ({
        itemCode: 'LB-001',
        applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' },
        materials: [{ name: '申请人居民身份证', received: true, fileId: w.fileId }],
      }),
    ),
  ),
  'GET /api/cases': reads(
    R.caseRead,
    read(get(() => '/api/cases?limit=200')),
    read(get(() => '/api/cases?status=accepted&limit=200')),
    // Search, township and holder filters aimed at the other tenant's case, org and clerk find nothing of theirs.
    read(get(({ w }) => `/api/cases?q=${encodeURIComponent(w.case.caseNo)}`)),
    read(get(({ w }) => `/api/cases?q=${w.applicantPhone.slice(-4)}&sort=received`)),
    read(get(({ w }) => `/api/cases?orgId=${w.town.township.id}&warning=any`)),
    read(get(({ w }) => `/api/cases?holder=${w.town.window.id}`)),
  ),
  // 待办: counts and first items of the caller's own scope; another tenant's cases and folders never show.
  'GET /api/todo': reads(R.caseRead, read(get(() => '/api/todo'))),
  'GET /api/cases/{id}': scoped(R.caseRead, 'CASE_NOT_FOUND', get(caseUrl(''))),
  'POST /api/cases/{id}/reveal': scoped(
    R.caseReveal,
    'CASE_NOT_FOUND',
    send('POST', caseUrl('reveal'), () => ({ reason: '越权查看号码' })),
  ),
  'POST /api/cases/{id}/material-files': scoped(
    R.caseWork,
    'CASE_NOT_FOUND',
    send('POST', caseUrl('material-files'), ({ w }) => ({ version: w.case.version, name: '申请人居民身份证', fileId: w.fileId })),
  ),
  'POST /api/cases/{id}/fee-refund': scoped(
    R.caseWork,
    'CASE_NOT_FOUND',
    send('POST', caseUrl('fee-refund'), ({ w }) => ({ version: w.case.version, refundNo: 'TF-1', reason: '越权退费' })),
  ),
  'GET /api/cases/{id}/exchange': scoped(R.caseRead, 'CASE_NOT_FOUND', get(caseUrl('exchange'))),
  'GET /api/cases/{id}/notices/{kind}': scoped(R.caseRead, 'CASE_NOT_FOUND', get(caseUrl('notices/accepted'))),
  'POST /api/cases/{id}/steps': scoped(
    R.caseWork,
    'CASE_NOT_FOUND',
    send('POST', caseUrl('steps'), ({ w }) => ({
      version: w.case.version,
      steps: [{ name: '越权步骤', departmentId: w.department.id, days: 2 }],
    })),
  ),
  'GET /api/cases/{id}/assignees': scoped(R.caseWork, 'CASE_NOT_FOUND', get(caseUrl('assignees'))),
  'GET /api/case-verifications': reads(R.caseRead, read(get(() => '/api/case-verifications?status=all'))),
  'POST /api/case-verifications/{id}/outcome': scoped(
    R.caseWork,
    'CASE_VERIFICATION_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/case-verifications/${w.checks.verification.id}/outcome`,
      ({ w }) => ({
        version: w.checks.verification.version,
        outcome: 'true',
      }),
    ),
  ),
  'GET /api/bad-credit-records': reads(R.caseRead, read(get(() => '/api/bad-credit-records?standing=false'))),
  'POST /api/bad-credit-records/{id}/repair': scoped(
    ['county_admin', 'director'],
    'CASE_BAD_CREDIT_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/bad-credit-records/${w.checks.badCredit.id}/repair`,
      ({ w }) => ({
        version: w.checks.badCredit.version,
        reason: '越权信用修复',
      }),
    ),
  ),
  'POST /api/cases/{id}/steps/{stepId}/reassign': scoped(
    R.caseWork,
    'CASE_NOT_FOUND',
    send('POST', stepUrl('reassign'), ({ w }) => ({ version: w.case.stepVersion, assigneeId: w.town.reviewer.id, reason: '越权改派' })),
  ),
  'POST /api/cases/{id}/steps/{stepId}/complete': scoped(
    R.caseWork,
    'CASE_NOT_FOUND',
    send('POST', stepUrl('complete'), stepVersion({ decision: 'approve', opinion: '越权同意' })),
  ),
  'POST /api/cases/{id}/steps/{stepId}/opinion': scoped(
    R.caseWork,
    'CASE_NOT_FOUND',
    send('POST', stepUrl('opinion'), stepVersion({ decision: 'approve', opinion: '越权意见' })),
  ),
  'GET /api/public/cases/{caseNo}': {
    public: "办件查询: the case number and the last 4 digits of the applicant's phone (rate limited)",
    request: get(({ w }) => `/api/public/cases/${w.case.caseNo}?check=${w.applicantPhone.slice(-4)}`),
    hidden: [
      {
        request: get(({ w }) => `/api/public/cases/${w.case.caseNo}?check=${w.applicantPhone.slice(-4) === '0000' ? '1111' : '0000'}`),
        refuse: 'CASE_TRACK_NOT_FOUND',
      },
    ],
  },
  ...Object.fromEntries(
    (['cases', 'fees'] as const).map((kind) => [
      `GET /api/ledgers/${kind}.xlsx`,
      {
        roles: R.ledger,
        probes: [
          read(
            get(() => `/api/ledgers/${kind}.xlsx?from=2026-01-01&to=2026-12-31`),
            'xlsx',
          ),
          refuse(
            'REPORT_ORG_NOT_FOUND',
            get(({ w }) => `/api/ledgers/${kind}.xlsx?org=${w.township.id}&from=2026-01-01&to=2026-12-31`),
          ),
          atCounty(
            refuse(
              'REPORT_ORG_NOT_FOUND',
              get(({ w }) => `/api/ledgers/${kind}.xlsx?org=${w.countyOrg.id}&from=2026-01-01&to=2026-12-31`),
            ),
          ),
        ],
      },
    ]),
  ),
  'GET /api/supervision-orders': reads(R.orderRead, read(get(() => '/api/supervision-orders?filter=all'))),
  'GET /api/supervision-orders/{id}': scoped(R.orderRead, 'ORDER_NOT_FOUND', get(orderUrl(''))),
  'GET /api/supervision-orders/{id}/notice.pdf': scoped(R.orderRead, 'ORDER_NOT_FOUND', get(orderUrl('notice.pdf'))),
  'POST /api/supervision-orders': scoped(
    R.orderIssue,
    'ORDER_TARGET_NOT_FOUND',
    send(
      'POST',
      () => '/api/supervision-orders',
      ({ w }) => ({ caseId: w.case.id, instruction: '越权督办', addressee: { kind: 'holder' } }),
    ),
  ),
  'POST /api/supervision-orders/{id}/answer': scoped(
    R.orderRead,
    'ORDER_NOT_FOUND',
    send('POST', orderUrl('answer'), ({ w }) => ({ version: w.orders.order.version, text: '越权回告' })),
  ),
  'POST /api/supervision-orders/{id}/accept': scoped(
    R.orderIssue,
    'ORDER_NOT_FOUND',
    send('POST', orderUrl('accept'), ({ w }) => ({ version: w.orders.order.version })),
  ),
  'POST /api/supervision-orders/{id}/return': scoped(
    R.orderIssue,
    'ORDER_NOT_FOUND',
    send('POST', orderUrl('return'), ({ w }) => ({ version: w.orders.order.version, note: '越权退回' })),
  ),
};

const requestUrl =
  (act: string) =>
  ({ w }: ProbeTarget) =>
    `/api/agency/requests/${w.request.id}${act ? `/${act}` : ''}`;
const requestVersion =
  (body: Record<string, unknown> = {}) =>
  ({ w }: ProbeTarget) => ({ version: w.request.version, ...body });

/** Every act on an agency request (src/modules/agency/schemas.ts ActBodies). */
const AGENCY_ACT_BODIES: Record<string, (t: ProbeTarget) => unknown> = {
  forward: requestVersion({ note: '越权报送' }),
  receive: requestVersion(),
  return: requestVersion({ note: '越权返还' }),
  notify: requestVersion({ method: 'phone' }),
  sign: ({ w }) => ({ version: w.request.version, signatureFileId: w.fileId, satisfaction: 'satisfied' }),
  'collect-fee': requestVersion({ amountFen: 8000, receiptNo: 'R-1' }),
  reassign: ({ w }) => ({ version: w.request.version, agentId: w.town.agent.id, reason: '越权改派' }),
};

const agencyActs: ProbeTable = Object.fromEntries(
  Object.entries(AGENCY_ACT_BODIES).map(([act, body]) => [
    `POST /api/agency/requests/{id}/${act}`,
    scoped(R.agencyAct, 'AGENCY_REQUEST_NOT_FOUND', send('POST', requestUrl(act), body)),
  ]),
);

const month = '?month=2026-10';

export const AGENCY_PROBES: ProbeTable = {
  ...agencyActs,
  'POST /api/agency/devices': {
    roles: R.agent,
    probes: [
      skip(
        "registers the caller's own device; takes no object",
        send(
          'POST',
          () => '/api/agency/devices',
          () => undefined,
        ),
      ),
    ],
  },
  'GET /api/agency/me': reads(R.agent, read(get(() => '/api/agency/me'))),
  'GET /api/agency/items': reads(R.agent, read(get(() => '/api/agency/items'))),
  'POST /api/agency/requests': scoped(
    R.agent,
    'AGENCY_VILLAGE_NOT_COVERED',
    send(
      'POST',
      () => '/api/agency/requests',
      ({ w }) => ({
        requestNo: 'AAAA-20261015-001',
        villageId: w.town.village.id,
        itemCode: 'LB-001',
        applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' },
        consent: true,
      }),
    ),
  ),
  'GET /api/agency/requests': reads(
    R.agencyRead,
    read(get(() => '/api/agency/requests?limit=200')),
    read(get(({ w }) => `/api/agency/requests?requestNo=${w.request.requestNo}`)),
  ),
  'GET /api/agency/requests/{id}': scoped(R.agencyRead, 'AGENCY_REQUEST_NOT_FOUND', get(requestUrl(''))),
  'GET /api/agency/requests/{id}/label.pdf': scoped(R.agencyRead, 'AGENCY_REQUEST_NOT_FOUND', get(requestUrl('label.pdf'))),
  'GET /api/agency/agents': reads(R.township, read(get(({ w }) => `/api/agency/agents?villageId=${w.town.village.id}`))),
  'PUT /api/agency/agents/{id}/villages': scoped(
    ['director', 'county_admin'],
    'AGENCY_AGENT_NOT_FOUND',
    send(
      'PUT',
      ({ w }) => `/api/agency/agents/${w.town.agent.id}/villages`,
      () => ({ villageIds: [] }),
    ),
  ),
  'POST /api/agency/declines': scoped(
    R.agent,
    'AGENCY_VILLAGE_NOT_COVERED',
    send(
      'POST',
      () => '/api/agency/declines',
      ({ w }) => ({ villageId: w.town.village.id, itemName: '越权登记', applicantName: '韦光明', reason: '越权' }),
    ),
  ),
  'GET /api/agency/declines': reads(R.agencyRead, read(get(() => `/api/agency/declines${month}`))),
  'POST /api/agency/consultations': scoped(
    R.agent,
    'AGENCY_VILLAGE_NOT_COVERED',
    send(
      'POST',
      () => '/api/agency/consultations',
      ({ w }) => ({ villageId: w.town.village.id, channel: 'phone', question: '越权咨询', answer: '越权答复' }),
    ),
  ),
  'GET /api/agency/consultations': reads(R.agencyRead, read(get(() => `/api/agency/consultations${month}`))),
  'GET /api/agency/performance': reads(R.agencyLedger, read(get(() => `/api/agency/performance${month}`))),
  'GET /api/agency/performance.xlsx': reads(
    R.agencyLedger,
    read(
      get(() => `/api/agency/performance.xlsx${month}`),
      'xlsx',
    ),
  ),
  'GET /api/agency/fees': reads(R.agencyLedger, read(get(() => `/api/agency/fees${month}`))),
  'GET /api/agency/settings': reads('any', read(get(() => '/api/agency/settings'))),
  'PUT /api/agency/settings': {
    roles: R.countyAdmin,
    probes: [
      skip(
        "sets the caller's own county's agency time limits; takes no object",
        send(
          'PUT',
          () => '/api/agency/settings',
          () => ({ forwardDays: 2, returnDays: 3, notifyDays: 2 }),
        ),
      ),
    ],
  },
};
