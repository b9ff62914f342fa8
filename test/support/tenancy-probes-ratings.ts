import { get, read, reads, refuse, scoped, send, type ProbeTable } from './tenancy-probe-kit.ts';

/** R4 probes of 好差评 and the 差评 loop (roles from kernel/permissions.rules.ts: rating.read, rating.reveal, rectification.act). */
const RATING_READ = ['window_staff', 'director', 'reviewer', 'county_admin', 'supervisor'] as const;

export const RATING_PROBES: ProbeTable = {
  'POST /api/public/ratings': {
    public: '一事一评: the applicant rates a concluded case by its number and the last 4 phone digits (a wrong check is an unknown case)',
  },
  'GET /api/public/ratings/{caseNo}': {
    public: 'the applicant’s own rating and the answer to it, by the case number and the last 4 phone digits',
  },
  'POST /api/public/ratings/{caseNo}/rater-view': {
    public: 'the rater judges the answer to their 差评, by the case number and the last 4 phone digits',
  },
  'GET /api/ratings': {
    roles: RATING_READ,
    probes: [
      read(get(() => '/api/ratings?month=2026-10')),
      refuse(
        'RATING_ORG_NOT_FOUND',
        get(({ w }) => `/api/ratings?org=${w.town.township.code}&month=2026-10`),
      ),
    ],
  },
  'POST /api/ratings/{id}/reveal': scoped(
    ['supervisor'],
    'RATING_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/ratings/${w.ratings.ratingId}/reveal`,
      () => ({ reason: '越权查看评价人' }),
    ),
  ),
  'GET /api/rectifications': reads(RATING_READ, read(get(() => '/api/rectifications?status=all'))),
  'GET /api/rectifications/{id}': scoped(
    RATING_READ,
    'RECTIFICATION_NOT_FOUND',
    get(({ w }) => `/api/rectifications/${w.ratings.rectification.id}`),
  ),
  'POST /api/rectifications/{id}/acts': scoped(
    ['director', 'county_admin', 'supervisor'],
    'RECTIFICATION_NOT_FOUND',
    send(
      'POST',
      ({ w }) => `/api/rectifications/${w.ratings.rectification.id}/acts`,
      ({ w }) => ({ act: 'verify', version: w.ratings.rectification.version, note: '越权核实' }),
    ),
  ),
};
