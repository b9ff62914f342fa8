import { atCounty, get, R, read, reads, refuse, scoped, send, skip, type ProbeTable, type ProbeTarget } from './tenancy-probe-kit.ts';
import { TINY_PNG, type TenantWorld } from './tenancy-world.ts';

/** R4 probes of the platform's frame: public guide, sign-in, organisation, staff, audit, calendar, files, catalog. */

const townCode = ({ w }: ProbeTarget) => w.town.township.code;
/** The township's never-published item and the unpublished draft (version 2) of its local item. */
const drafts = (w: TenantWorld) => [`${w.tag}-T`, w.localItem.content.name];
const draftGuide = (file: string) => get((t) => `/api/public/items/${t.w.tag}-T${file}?org=${townCode(t)}`);
const PUBLIC_GUIDE = '办事指南（八公开）: published items are public by law and by design, for every county';
const PUBLIC_CALENDAR = 'working-day calendars are published (deadlines, holidays, .ics subscriptions) for anyone';

export const PUBLIC_AND_FRAME_PROBES: ProbeTable = {
  'GET /api/health': { public: 'liveness probe: engine name only', request: get(() => '/api/health') },
  'GET /favicon.ico': { public: 'the site icon, the same bytes for everyone', request: get(() => '/favicon.ico') },
  'POST /api/auth/login': { public: 'sign-in itself (throttled; answers the same for unknown and known names)' },
  'POST /api/auth/logout': {
    roles: 'any',
    probes: [
      skip(
        "ends the caller's own session; takes no object",
        send('POST', () => '/api/auth/logout'),
      ),
    ],
  },
  'GET /api/auth/me': reads('any', read(get(() => '/api/auth/me'))),
  'POST /api/auth/password': {
    roles: 'any',
    probes: [
      skip(
        "changes the caller's own password; takes no object",
        send(
          'POST',
          () => '/api/auth/password',
          () => ({ currentPassword: 'x', newPassword: 'Yy9#abcdefgh' }),
        ),
      ),
    ],
  },
  'GET /api/calendar/deadline': {
    public: PUBLIC_CALENDAR,
    request: get((t) => `/api/calendar/deadline?start=2026-10-15&days=5&org=${townCode(t)}`),
  },
  'GET /api/calendar/days': {
    public: PUBLIC_CALENDAR,
    request: get((t) => `/api/calendar/days?from=2026-11-01&to=2026-11-30&org=${townCode(t)}`),
  },
  'GET /api/calendar/national-years': { public: PUBLIC_CALENDAR, request: get(() => '/api/calendar/national-years') },
  'GET /api/calendar/now': { public: 'the server’s clock and today’s date: no tenant data', request: get(() => '/api/calendar/now') },
  'GET /api/calendar/{file}': { public: PUBLIC_CALENDAR, request: get((t) => `/api/calendar/${townCode(t)}.ics`) },
  'GET /api/public/items': {
    public: PUBLIC_GUIDE,
    request: get((t) => `/api/public/items?org=${townCode(t)}`),
    hidden: [{ request: get((t) => `/api/public/items?org=${townCode(t)}&q=${t.w.tag}`), absent: drafts }],
  },
  'GET /api/public/items/{code}': {
    public: PUBLIC_GUIDE,
    request: get((t) => `/api/public/items/ZJD-001?org=${townCode(t)}`),
    hidden: [
      { request: draftGuide(''), refuse: 'ITEM_NOT_FOUND' },
      { request: get((t) => `/api/public/items/ZJD-001?org=${townCode(t)}`), absent: drafts },
    ],
  },
  'GET /api/public/items/{code}/guide.pdf': {
    public: PUBLIC_GUIDE,
    request: get((t) => `/api/public/items/ZJD-001/guide.pdf?org=${townCode(t)}`),
    hidden: [{ request: draftGuide('/guide.pdf'), refuse: 'ITEM_NOT_FOUND' }],
  },
  'GET /api/public/items/{code}/notice-checklist.pdf': {
    public: PUBLIC_GUIDE,
    request: get((t) => `/api/public/items/ZJD-001/notice-checklist.pdf?org=${townCode(t)}`),
    hidden: [{ request: draftGuide('/notice-checklist.pdf'), refuse: 'ITEM_NOT_FOUND' }],
  },
  'GET /api/public/centers': {
    public: 'the service centers of a county (names, addresses, phones) are public like the org tree',
    request: get((t) => `/api/public/centers?org=${townCode(t)}`),
  },
  'GET /api/public/centers/{code}/qr.svg': {
    public: 'a township portal’s address as a QR code (printed on its hall wall)',
    request: get((t) => `/api/public/centers/${townCode(t)}/qr.svg`),
  },
  'GET /api/public/facets': { public: PUBLIC_GUIDE, request: get((t) => `/api/public/facets?org=${townCode(t)}`) },
  'GET /api/public/bundles': {
    public: PUBLIC_GUIDE,
    request: get((t) => `/api/public/bundles?org=${townCode(t)}`),
    hidden: [{ request: get((t) => `/api/public/bundles?org=${townCode(t)}`), absent: (w) => [`${w.tag}-B`, `${w.tag}一件事`] }],
  },
  'GET /api/public/bundles/{code}': { public: `${PUBLIC_GUIDE} (the test catalog publishes no bundle, so it is not sent)` },
};

export const ORG_AND_STAFF_PROBES: ProbeTable = {
  'GET /api/orgs': reads('any', read(get(() => '/api/orgs'))),
  'GET /api/orgs/{id}': scoped(
    'any',
    'ORG_NOT_FOUND',
    get(({ w }) => `/api/orgs/${w.township.id}`),
    get(({ w }) => `/api/orgs/${w.countyOrg.id}`),
  ),
  'POST /api/orgs': scoped(
    R.orgManage,
    'ORG_NOT_FOUND',
    send(
      'POST',
      () => '/api/orgs',
      ({ w }) => ({ parentId: w.township.id, code: `${w.town.township.code.slice(0, 9)}299`, kind: 'village', name: '越权村' }),
    ),
    send(
      'POST',
      () => '/api/orgs',
      ({ w }) => ({ parentId: w.countyOrg.id, code: `${w.county.county.code.slice(0, 6)}998000`, kind: 'township', name: '越权镇' }),
    ),
  ),
  'PATCH /api/orgs/{id}': scoped(
    R.orgManage,
    'ORG_NOT_FOUND',
    send(
      'PATCH',
      ({ w }) => `/api/orgs/${w.township.id}`,
      ({ w }) => ({ version: w.township.version, name: '越权修改' }),
    ),
    send(
      'PATCH',
      ({ w }) => `/api/orgs/${w.countyOrg.id}`,
      ({ w }) => ({ version: w.countyOrg.version, name: '越权修改' }),
    ),
  ),
  'GET /api/departments': reads(
    'any',
    read(get(() => '/api/departments')),
    refuse(
      'NOT_FOUND',
      get(({ w }) => `/api/departments?orgId=${w.township.id}`),
    ),
  ),
  'POST /api/departments': scoped(
    R.unitManage,
    'NOT_FOUND',
    send(
      'POST',
      () => '/api/departments',
      ({ w }) => ({ orgId: w.township.id, name: '越权站', category: 'civil_affairs_hr' }),
    ),
  ),
  'PATCH /api/departments/{id}': scoped(
    R.unitManage,
    'DEPARTMENT_NOT_FOUND',
    send(
      'PATCH',
      ({ w }) => `/api/departments/${w.department.id}`,
      ({ w }) => ({ version: w.department.version, name: '越权修改' }),
    ),
  ),
  'GET /api/windows': reads(
    'any',
    read(get(() => '/api/windows')),
    refuse(
      'NOT_FOUND',
      get(({ w }) => `/api/windows?orgId=${w.township.id}`),
    ),
  ),
  'POST /api/windows': scoped(
    R.unitManage,
    'NOT_FOUND',
    send(
      'POST',
      () => '/api/windows',
      ({ w }) => ({ orgId: w.township.id, number: '99', name: '越权窗口', departmentIds: [w.department.id] }),
    ),
  ),
  'PATCH /api/windows/{id}': scoped(
    R.unitManage,
    'WINDOW_NOT_FOUND',
    send(
      'PATCH',
      ({ w }) => `/api/windows/${w.window.id}`,
      ({ w }) => ({ version: w.window.version, name: '越权修改' }),
    ),
  ),
  'GET /api/staff': reads(
    R.staffRead,
    read(get(() => '/api/staff')),
    read(get(({ w }) => `/api/staff?q=${w.tag}`)),
    refuse(
      'NOT_FOUND',
      get(({ w }) => `/api/staff?orgId=${w.township.id}`),
    ),
  ),
  'POST /api/staff': scoped(
    R.staffManage,
    'NOT_FOUND',
    send(
      'POST',
      () => '/api/staff',
      ({ w }) => ({
        orgId: w.township.id,
        username: `x${w.tag.toLowerCase()}`,
        name: '越权人员',
        role: 'window_staff',
        password: 'Aa1!aaaaaa',
      }),
    ),
    send(
      'POST',
      () => '/api/staff',
      ({ w }) => ({
        orgId: w.countyOrg.id,
        username: `y${w.tag.toLowerCase()}`,
        name: '越权人员',
        role: 'supervisor',
        password: 'Aa1!aaaaaa',
      }),
    ),
  ),
  'GET /api/staff/{id}': scoped(
    R.staffRead,
    'STAFF_NOT_FOUND',
    get(({ w }) => `/api/staff/${w.staff.id}`),
    get(({ w }) => `/api/staff/${w.countyStaff.id}`),
  ),
  'PATCH /api/staff/{id}': scoped(
    R.staffManage,
    'STAFF_NOT_FOUND',
    send(
      'PATCH',
      ({ w }) => `/api/staff/${w.staff.id}`,
      ({ w }) => ({ version: w.staff.version, name: '越权修改' }),
    ),
    send(
      'PATCH',
      ({ w }) => `/api/staff/${w.countyStaff.id}`,
      ({ w }) => ({ version: w.countyStaff.version, name: '越权修改' }),
    ),
  ),
  'POST /api/staff/{id}/reset-password': scoped(
    R.staffManage,
    'STAFF_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/staff/${w.staff.id}/reset-password`,
      () => ({ newPassword: 'Xy9#abcdefg' }),
    ),
    send(
      'POST',
      ({ w }) => `/api/staff/${w.countyStaff.id}/reset-password`,
      () => ({ newPassword: 'Xy9#abcdefg' }),
    ),
  ),
  'POST /api/staff/{id}/reveal': scoped(
    R.staffManage,
    'STAFF_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/staff/${w.staff.id}/reveal`,
      () => ({ reason: '越权查看号码' }),
    ),
  ),
  'POST /api/staff/{id}/disable': scoped(
    R.staffManage,
    'STAFF_NOT_FOUND',
    send('POST', ({ w }) => `/api/staff/${w.staff.id}/disable`),
  ),
  'POST /api/staff/{id}/enable': scoped(
    R.staffManage,
    'STAFF_NOT_FOUND',
    send('POST', ({ w }) => `/api/staff/${w.staff.id}/enable`),
  ),
  'POST /api/staff/{id}/unlock': scoped(
    R.staffManage,
    'STAFF_NOT_FOUND',
    send('POST', ({ w }) => `/api/staff/${w.staff.id}/unlock`),
  ),
  'POST /api/staff/{id}/backup': scoped(
    R.staffManage,
    'STAFF_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/staff/${w.staff.id}/backup`,
      ({ w }) => ({ version: w.staff.version, backupId: null }),
    ),
  ),
  'GET /api/staff/{id}/absences': scoped(
    'any',
    'STAFF_NOT_FOUND',
    get(({ w }) => `/api/staff/${w.staff.id}/absences`),
  ),
  'POST /api/staff/{id}/absences': scoped(
    'any',
    'STAFF_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/staff/${w.staff.id}/absences`,
      () => ({ startsOn: '2026-12-01', endsOn: '2026-12-02', reason: '越权登记离岗' }),
    ),
  ),
  'POST /api/staff/{id}/return': scoped(
    'any',
    'STAFF_NOT_FOUND',
    send('POST', ({ w }) => `/api/staff/${w.staff.id}/return`),
  ),
  'POST /api/staff/{id}/absences/{absenceId}/cancel': scoped(
    'any',
    'STAFF_NOT_FOUND',
    send('POST', ({ w }) => `/api/staff/${w.staff.id}/absences/${w.absenceId}/cancel`),
  ),
  'GET /api/audit': reads(R.auditRead, read(get(() => '/api/audit?limit=200'))),
  'GET /api/audit/verify': reads(['county_admin', 'supervisor'], read(get(() => '/api/audit/verify'))),
};

export const CALENDAR_FILE_CATALOG_PROBES: ProbeTable = {
  'POST /api/calendar/national-years': {
    roles: R.countyAdmin,
    probes: [
      skip(
        'the national holiday table is one for the whole country (国务院办公厅通知), entered by any county admin by design',
        send(
          'POST',
          () => '/api/calendar/national-years',
          () => ({ year: 2031, days: [{ date: '2031-01-01', kind: 'holiday', name: '元旦' }] }),
        ),
      ),
    ],
  },
  'GET /api/calendar/overrides': reads(
    'any',
    read(get(({ home }) => `/api/calendar/overrides?orgId=${home.orgId}`)),
    refuse(
      'CALENDAR_ORG_NOT_FOUND',
      get(({ w }) => `/api/calendar/overrides?orgId=${w.township.id}`),
    ),
  ),
  'POST /api/calendar/overrides': scoped(
    R.calendarManage,
    'CALENDAR_ORG_NOT_FOUND',
    send(
      'POST',
      () => '/api/calendar/overrides',
      ({ w }) => ({ orgId: w.township.id, date: '2026-12-21', kind: 'local_holiday', name: '越权假日' }),
    ),
    send(
      'POST',
      () => '/api/calendar/overrides',
      ({ w }) => ({ orgId: w.countyOrg.id, date: '2026-12-22', kind: 'local_holiday', name: '越权假日' }),
    ),
  ),
  'DELETE /api/calendar/overrides/{id}': scoped(
    R.calendarManage,
    'CALENDAR_OVERRIDE_NOT_FOUND',
    send(
      'DELETE',
      ({ w }) => `/api/calendar/overrides/${w.override.id}?version=${String(w.override.version)}`,
      () => undefined,
    ),
    send(
      'DELETE',
      ({ w }) => `/api/calendar/overrides/${w.countyOverride.id}?version=${String(w.countyOverride.version)}`,
      () => undefined,
    ),
  ),
  'POST /api/files': {
    roles: R.uploads,
    probes: [
      skip("stores the upload under the caller's own org; takes no object", () => ({
        method: 'POST',
        url: '/api/files?name=x.png',
        payload: TINY_PNG,
        contentType: 'image/png',
      })),
    ],
  },
  'GET /api/files/{id}': scoped(
    'any',
    'FILE_NOT_FOUND',
    get(({ w }) => `/api/files/${w.fileId}`),
  ),
  'GET /api/notices': reads(
    R.caseRead,
    read(get(() => '/api/notices?limit=200')),
    read(get(({ w }) => `/api/notices?caseId=${w.case.id}`)),
  ),
  'GET /api/items': reads(
    'any',
    read(get(() => '/api/items')),
    read(get(({ w }) => `/api/items?q=${w.tag}`)),
    refuse(
      'NOT_FOUND',
      get(({ w }) => `/api/items?orgId=${w.township.id}`),
    ),
  ),
  'GET /api/items/base': reads('any', read(get(() => '/api/items/base'))),
  'GET /api/items/template.xlsx': reads(
    'any',
    read(
      get(() => '/api/items/template.xlsx'),
      'xlsx',
    ),
  ),
  'GET /api/items/export.xlsx': reads(
    'any',
    read(
      get(({ home }) => `/api/items/export.xlsx?orgId=${home.orgId}`),
      'xlsx',
    ),
    refuse(
      'NOT_FOUND',
      get(({ w }) => `/api/items/export.xlsx?orgId=${w.township.id}`),
    ),
    atCounty(
      refuse(
        'NOT_FOUND',
        get(({ w }) => `/api/items/export.xlsx?orgId=${w.countyOrg.id}`),
      ),
    ),
  ),
  'GET /api/items/export.json': reads(
    'any',
    read(get(({ home }) => `/api/items/export.json?orgId=${home.orgId}`)),
    refuse(
      'NOT_FOUND',
      get(({ w }) => `/api/items/export.json?orgId=${w.township.id}`),
    ),
    atCounty(
      refuse(
        'NOT_FOUND',
        get(({ w }) => `/api/items/export.json?orgId=${w.countyOrg.id}`),
      ),
    ),
  ),
  'POST /api/items/import': scoped(
    R.catalogManage,
    'NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/items/import?orgId=${w.township.id}`,
      ({ w }) => ({ items: [{ ...w.localItem.content, code: `${w.tag}-IMP` }] }),
    ),
    send(
      'POST',
      ({ w }) => `/api/items/import?orgId=${w.countyOrg.id}`,
      ({ w }) => ({ items: [{ ...w.localItem.content, code: `${w.tag}-IMP` }] }),
    ),
  ),
  'POST /api/items': scoped(
    R.catalogManage,
    'NOT_FOUND',
    send(
      'POST',
      () => '/api/items',
      ({ w }) => ({ orgId: w.township.id, content: { ...w.localItem.content, code: `${w.tag}-NEW` } }),
    ),
    send(
      'POST',
      () => '/api/items',
      ({ w }) => ({ orgId: w.countyOrg.id, content: { ...w.localItem.content, code: `${w.tag}-NEW` } }),
    ),
  ),
  'GET /api/catalog/synonyms': scoped(
    R.catalogManage,
    'NOT_FOUND',
    get(({ w }) => `/api/catalog/synonyms?orgId=${w.township.id}`),
  ),
  'POST /api/catalog/synonyms': scoped(
    ['county_admin'],
    'NOT_FOUND',
    send(
      'POST',
      () => '/api/catalog/synonyms',
      ({ w }) => ({ orgId: w.township.id, term: '越权', expansion: '宅基地' }),
    ),
    send(
      'POST',
      () => '/api/catalog/synonyms',
      ({ w }) => ({ orgId: w.county.county.id, term: '越权', expansion: '宅基地' }),
    ),
  ),
  'POST /api/catalog/synonyms/{id}/remove': scoped(
    ['county_admin'],
    'SYNONYM_NOT_FOUND',
    send('POST', ({ w }) => `/api/catalog/synonyms/${w.synonymId}/remove`),
  ),
  'POST /api/items/derive': scoped(
    R.catalogManage,
    'NOT_FOUND',
    send(
      'POST',
      () => '/api/items/derive',
      ({ w }) => ({ orgId: w.township.id, baseItemId: w.baseItem.id }),
    ),
  ),
  'GET /api/items/{id}': scoped(
    'any',
    'ITEM_NOT_FOUND',
    get(({ w }) => `/api/items/${w.localItem.id}`),
    get(({ w }) => `/api/items/${w.countyDraftItem.id}`),
  ),
  'PUT /api/items/{id}/draft': scoped(
    R.catalogManage,
    'ITEM_NOT_FOUND',
    send(
      'PUT',
      ({ w }) => `/api/items/${w.localItem.id}/draft`,
      ({ w }) => ({ version: w.localItem.version, content: w.localItem.content }),
    ),
  ),
  'POST /api/items/{id}/publish': scoped(
    R.catalogManage,
    'ITEM_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/items/${w.localItem.id}/publish`,
      ({ w }) => ({ version: w.localItem.version }),
    ),
    send(
      'POST',
      ({ w }) => `/api/items/${w.countyDraftItem.id}/publish`,
      ({ w }) => ({ version: w.countyDraftItem.version }),
    ),
  ),
  'POST /api/items/{id}/unpublish': scoped(
    R.catalogManage,
    'ITEM_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/items/${w.localItem.id}/unpublish`,
      ({ w }) => ({ version: w.localItem.version }),
    ),
    send(
      'POST',
      ({ w }) => `/api/items/${w.baseItem.id}/unpublish`,
      ({ w }) => ({ version: w.baseItem.version }),
    ),
  ),
  'GET /api/items/{id}/versions': scoped(
    'any',
    'ITEM_NOT_FOUND',
    get(({ w }) => `/api/items/${w.localItem.id}/versions`),
  ),
  'GET /api/items/{id}/versions/{version}': scoped(
    'any',
    'ITEM_NOT_FOUND',
    get(({ w }) => `/api/items/${w.localItem.id}/versions/2`),
  ),
  'GET /api/items/{id}/diff': scoped(
    'any',
    'ITEM_NOT_FOUND',
    get(({ w }) => `/api/items/${w.localItem.id}/diff?from=1&to=2`),
  ),
};
