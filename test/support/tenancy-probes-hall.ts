import { get, read, reads, scoped, send, type ProbeTable, type ProbeTarget } from './tenancy-probe-kit.ts';

/** R4 probes of the hall (src/modules/queue): setup, calling, tickets, pads; public hall pages. Bodies are valid for each act. */

/** Roles of kernel/permissions.rules.ts, spelled out so the table reads alone. */
const Q = {
  call: ['window_staff', 'director'],
  manage: ['director', 'county_admin'],
  read: ['window_staff', 'director', 'county_admin', 'supervisor'],
  caseRead: ['window_staff', 'director', 'reviewer', 'county_admin', 'supervisor'],
} as const;

const town = ({ w }: ProbeTarget) => w.town.township.id;
const county = ({ w }: ProbeTarget) => w.county.county.id;
const code = ({ w }: ProbeTarget) => w.town.township.code;
const windowUrl =
  (act: string) =>
  ({ w }: ProbeTarget) =>
    `/api/queue/windows/${w.town.windowId}${act ? `/${act}` : ''}`;
const ticketUrl =
  (act: string) =>
  ({ w }: ProbeTarget) =>
    `/api/queue/tickets/${w.hall.liveTicketId}${act ? `/${act}` : ''}`;
const HALL_PUBLIC = '取号大厅: a center’s categories, waiting counts and masked calls are shown on the hall screen to anyone in the hall';

const windowActs: ProbeTable = Object.fromEntries(
  ['open', 'close', 'resume', 'call-next'].map((act) => [
    `POST /api/queue/windows/{windowId}/${act}`,
    scoped(Q.call, 'QUEUE_WINDOW_NOT_FOUND', send('POST', windowUrl(act))),
  ]),
);
const ticketActs: ProbeTable = Object.fromEntries(
  ['recall', 'start', 'no-show', 'rejoin', 'applicant'].map((act) => [
    `POST /api/queue/tickets/{id}/${act}`,
    scoped(Q.call, 'QUEUE_TICKET_NOT_FOUND', send('POST', ticketUrl(act))),
  ]),
);

export const HALL_PROBES: ProbeTable = {
  ...windowActs,
  ...ticketActs,
  'GET /api/queue/settings': scoped(
    Q.read,
    'QUEUE_ORG_NOT_FOUND',
    get((t) => `/api/queue/settings?orgId=${town(t)}`),
    get((t) => `/api/queue/settings?orgId=${county(t)}`),
  ),
  'PUT /api/queue/settings': scoped(
    Q.manage,
    'QUEUE_ORG_NOT_FOUND',
    send(
      'PUT',
      () => '/api/queue/settings',
      (t) => ({ orgId: town(t), version: t.w.hall.settingsVersion, smsAhead: 2 }),
    ),
  ),
  'GET /api/queue/categories': scoped(
    Q.read,
    'QUEUE_ORG_NOT_FOUND',
    get((t) => `/api/queue/categories?orgId=${town(t)}`),
    get((t) => `/api/queue/categories?orgId=${county(t)}`),
  ),
  'POST /api/queue/categories': scoped(
    Q.manage,
    'QUEUE_ORG_NOT_FOUND',
    send(
      'POST',
      () => '/api/queue/categories',
      (t) => ({ orgId: town(t), code: 'zz', name: '越权类别', prefix: 'Z' }),
    ),
  ),
  'PATCH /api/queue/categories/{id}': scoped(
    Q.manage,
    'QUEUE_CATEGORY_NOT_FOUND',
    send(
      'PATCH',
      ({ w }) => `/api/queue/categories/${w.hall.categoryId}`,
      ({ w }) => ({ version: w.hall.categoryVersion, name: '越权改名' }),
    ),
  ),
  'GET /api/queue/windows': scoped(
    Q.read,
    'QUEUE_ORG_NOT_FOUND',
    get((t) => `/api/queue/windows?orgId=${town(t)}`),
  ),
  'GET /api/queue/windows/{windowId}': scoped(Q.read, 'QUEUE_WINDOW_NOT_FOUND', get(windowUrl(''))),
  'POST /api/queue/windows/{windowId}/pause': scoped(
    Q.call,
    'QUEUE_WINDOW_NOT_FOUND',
    send('POST', windowUrl('pause'), () => ({ reason: '越权暂停' })),
  ),
  'POST /api/queue/tickets': scoped(
    Q.call,
    'QUEUE_CATEGORY_NOT_FOUND',
    send(
      'POST',
      () => '/api/queue/tickets',
      ({ w }) => ({ categoryId: w.hall.categoryId, priority: 'disabled' }),
    ),
  ),
  'GET /api/queue/tickets': scoped(
    Q.read,
    'QUEUE_ORG_NOT_FOUND',
    get((t) => `/api/queue/tickets?orgId=${town(t)}`),
  ),
  'GET /api/queue/tickets/{id}': scoped(Q.read, 'QUEUE_TICKET_NOT_FOUND', get(ticketUrl(''))),
  'POST /api/queue/tickets/{id}/transfer': scoped(
    Q.call,
    'QUEUE_TICKET_NOT_FOUND',
    send('POST', ticketUrl('transfer'), ({ w }) => ({ categoryId: w.hall.categoryId })),
  ),
  'POST /api/queue/tickets/{id}/finish': scoped(
    Q.call,
    'QUEUE_TICKET_NOT_FOUND',
    send('POST', ticketUrl('finish'), () => ({ consultation: '越权办结' })),
  ),
  'GET /api/queue/devices': scoped(
    Q.manage,
    'QUEUE_ORG_NOT_FOUND',
    get((t) => `/api/queue/devices?orgId=${town(t)}`),
  ),
  'POST /api/queue/devices': scoped(
    Q.manage,
    'QUEUE_WINDOW_NOT_FOUND',
    send(
      'POST',
      () => '/api/queue/devices',
      ({ w }) => ({ windowId: w.town.windowId, name: '越权评价器' }),
    ),
  ),
  'POST /api/queue/devices/{id}/revoke': scoped(
    Q.manage,
    'QUEUE_DEVICE_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/queue/devices/${w.hall.deviceId}/revoke`,
      ({ w }) => ({ version: w.hall.deviceVersion }),
    ),
  ),
  'GET /api/queue/figures': scoped(
    Q.read,
    'QUEUE_ORG_NOT_FOUND',
    get((t) => `/api/queue/figures?orgId=${town(t)}`),
    get((t) => `/api/queue/figures?orgId=${county(t)}`),
  ),
  'GET /api/queue/figures.xlsx': scoped(
    Q.read,
    'QUEUE_ORG_NOT_FOUND',
    get((t) => `/api/queue/figures.xlsx?orgId=${town(t)}`),
  ),
  'GET /api/queue/appointment-sessions': scoped(
    Q.read,
    'QUEUE_ORG_NOT_FOUND',
    get((t) => `/api/queue/appointment-sessions?orgId=${town(t)}`),
  ),
  'POST /api/queue/appointment-sessions': scoped(
    Q.manage,
    'QUEUE_ORG_NOT_FOUND',
    send(
      'POST',
      () => '/api/queue/appointment-sessions',
      (t) => ({ orgId: town(t), kind: 'non_working_day', onDate: '2026-10-18', fromTime: '09:00', toTime: '10:00', capacity: 1 }),
    ),
  ),
  'POST /api/queue/appointment-sessions/{id}/remove': scoped(
    Q.manage,
    'QUEUE_SESSION_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/queue/appointment-sessions/${w.hall.sessionId}/remove`,
      () => ({ version: 1 }),
    ),
  ),
  'GET /api/queue/appointments': scoped(
    Q.read,
    'QUEUE_ORG_NOT_FOUND',
    get((t) => `/api/queue/appointments?orgId=${town(t)}&date=2026-10-16`),
  ),
  'GET /api/queue/appointment-assignees': scoped(
    Q.call,
    'QUEUE_ORG_NOT_FOUND',
    get((t) => `/api/queue/appointment-assignees?orgId=${town(t)}`),
  ),
  'POST /api/queue/appointments': scoped(
    Q.call,
    'QUEUE_ORG_NOT_FOUND',
    send(
      'POST',
      () => '/api/queue/appointments',
      (t) => ({
        orgId: town(t),
        categoryId: t.w.hall.categoryId,
        kind: 'phone',
        date: '2026-10-16',
        from: '10:00',
        name: '越权',
        phone: '13977619003',
      }),
    ),
  ),
  'GET /api/queue/ratings': reads(Q.caseRead, read(get(({ w }) => `/api/queue/ratings?caseId=${w.case.id}`))),
  'GET /api/public/queue/categories': { public: HALL_PUBLIC, request: get((t) => `/api/public/queue/categories?org=${code(t)}`) },
  'GET /api/public/queue/display': { public: HALL_PUBLIC, request: get((t) => `/api/public/queue/display?org=${code(t)}`) },
  'GET /api/public/queue/stream': {
    public: `${HALL_PUBLIC} (the same data, pushed; a stream never ends, so it is tested over HTTP in live.test.ts)`,
  },
  'POST /api/public/queue/tickets': {
    public: '取号: anyone in the hall or on a phone takes a ticket of a center (rate limited, one live ticket per phone and category)',
  },
  'GET /api/public/queue/tickets/{id}': {
    public: '跟踪号票: the ticket’s id (in its QR code) is the key; status and place only, never the name or phone',
    request: get(({ w }) => `/api/public/queue/tickets/${w.hall.liveTicketId}?org=${w.town.township.code}`),
  },
  'GET /api/public/queue/tickets/{id}/qr.svg': {
    public: 'the QR code of a ticket’s follow page',
    request: get(({ w }) => `/api/public/queue/tickets/${w.hall.liveTicketId}/qr.svg?org=${w.town.township.code}`),
  },
  'POST /api/public/queue/tickets/{id}/cancel': { public: 'the ticket’s holder (who has its id) gives the place up' },
  'POST /api/public/queue/tickets/{id}/rejoin': { public: 'the ticket’s holder rejoins after a no-show, within the center’s limit' },
  'GET /api/public/queue/appointments/slots': {
    public: '预约: a center’s bookable slots and how many places are left, as the hall’s own notice board shows',
    request: get((t) => `/api/public/queue/appointments/slots?org=${code(t)}&category=general`),
  },
  'GET /api/public/queue/appointments/{bookingNo}/qr.svg': {
    public: '预约二维码: only the center code and the booking number the holder already has, drawn as a QR; no booking is read',
    request: get((t) => `/api/public/queue/appointments/123456/qr.svg?org=${code(t)}`),
  },
  'POST /api/public/queue/appointments/codes': {
    public: '预约: an SMS code to the phone the citizen typed (rate limited per phone and address)',
  },
  'POST /api/public/queue/appointments': {
    public: '预约: booking with the phone verified by its SMS code; the answer is the citizen’s own booking only',
  },
  'POST /api/public/queue/appointments/cancel': { public: '预约: the booking number and a fresh SMS code to the booking’s phone' },
  'POST /api/public/queue/appointments/reschedule': { public: '预约: the booking number and a fresh SMS code to the booking’s phone' },
  'POST /api/public/queue/appointments/check-in': {
    public: '预约签到 at the kiosk: the 6-digit booking number turns a booking of this center into its ticket, within the slot’s window',
  },
  'POST /api/public/queue/pads/pair': { public: 'a rating pad pairs with the one-time code its director created (hashed, 30 minutes)' },
  'GET /api/public/queue/pads/current': {
    public: 'a paired pad (X-Hall-Device token) reads its own window only; 403 QUEUE_DEVICE_UNKNOWN without it',
  },
  'POST /api/public/queue/pads/ratings': {
    public: 'a paired pad records the citizen’s rating of its own window’s service; 403 without its token',
  },
};
