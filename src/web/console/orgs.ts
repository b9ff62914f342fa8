import { ref } from 'vue';
import { listOrgs, type Org } from './pages/org/org-api.ts';
import { currentUser } from './session.ts';

export type { Org };

/** The orgs the signed-in person can see (their subtree), shared by the pages that pick one. */
export const orgs = ref<Org[]>([]);

export async function loadOrgs(): Promise<Org[]> {
  orgs.value = await listOrgs();
  return orgs.value;
}

/** Centers (county and township) — where departments, windows and most staff belong. */
export function centers(): Org[] {
  return orgs.value.filter((org) => org.kind !== 'village');
}

export function orgName(id: string): string {
  return orgs.value.find((org) => org.id === id)?.name ?? '';
}

export function orgById(id: string): Org | undefined {
  return orgs.value.find((org) => org.id === id);
}

/** The center a list page opens on: the person's own org when it is a center, else the first one. */
export function defaultCenterId(): string {
  const own = currentUser.value?.orgId;
  const list = centers();
  return list.find((org) => org.id === own)?.id ?? list.at(0)?.id ?? '';
}
