import type { Tx } from '../../db/db.ts';
import { findOrg, listChildOrgs } from '../org/index.ts';
import { resolvePublicOrg } from './guide.ts';
import { countyOf } from './service.ts';

/** A service center as the portal's township picker shows it: where it is and whom to call. */
export interface PublicCenter {
  code: string;
  name: string;
  kind: 'county' | 'township';
  address: string;
  phone: string;
}

/**
 * 办事指南 per township: the county center and its active townships (the picker), and the one chosen
 * (`org`, default the county) whose own implementation list and address the portal shows.
 */
export async function listPublicCenters(tx: Tx, orgCode: string | undefined): Promise<{ current: string; centers: PublicCenter[] }> {
  const chosen = await resolvePublicOrg(tx, orgCode);
  const county = await countyOf(tx, chosen.id);
  const countyOrg = county ? await findOrg(tx, county.id) : null;
  const townships = countyOrg ? await listChildOrgs(tx, countyOrg.id, 'township') : [];
  const centers = [...(countyOrg ? [countyOrg] : []), ...townships]
    .filter((org) => org.status === 'active')
    .map((org) => ({
      code: org.code,
      name: org.name,
      kind: org.kind === 'county' ? ('county' as const) : ('township' as const),
      address: org.address,
      phone: org.phone,
    }));
  return { current: chosen.code, centers };
}
