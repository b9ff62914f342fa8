import { atCounty, get, read, refuse, type ProbeTable, type ProbeTarget } from './tenancy-probe-kit.ts';

/** R4 probes of 电子监察 (src/modules/supervision): the overview of another township or county is refused; one's own reads clean. */

/** Roles of kernel/permissions.rules.ts ('supervision.read'), spelled out so the table reads alone. */
const S = { read: ['supervisor', 'director', 'county_admin'] } as const;

const townCode = ({ w }: ProbeTarget) => w.town.township.code;
const countyCode = ({ w }: ProbeTarget) => w.county.county.code;

export const SUPERVISION_PROBES: ProbeTable = {
  'GET /api/supervision/overview': {
    roles: S.read,
    probes: [
      refuse(
        'SUPERVISION_ORG_NOT_FOUND',
        get((t) => `/api/supervision/overview?org=${townCode(t)}`),
      ),
      atCounty(
        refuse(
          'SUPERVISION_ORG_NOT_FOUND',
          get((t) => `/api/supervision/overview?org=${countyCode(t)}`),
        ),
      ),
      read(get(() => '/api/supervision/overview')),
    ],
  },
};
