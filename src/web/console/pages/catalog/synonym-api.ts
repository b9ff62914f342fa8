import type { z } from 'zod';
import type { CreateSynonymBody, SynonymView } from '../../../../modules/catalog/synonyms/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

/** 事项同义词: the county's list of what people call a service, used by every search of its centers. */
export type Synonym = SynonymView;
export type NewSynonym = z.input<typeof CreateSynonymBody>;

export const listSynonyms = (orgId: string) =>
  api.get<{ countyId: string; synonyms: Synonym[] }>(`/api/catalog/synonyms${queryString({ orgId })}`);
export const createSynonym = (body: NewSynonym, key: string) => api.post<{ synonym: Synonym }>('/api/catalog/synonyms', body, key);
export const removeSynonym = (id: string, key: string) => api.post<{ removed: true }>(`/api/catalog/synonyms/${id}/remove`, {}, key);
