import type { OrderView } from '../../../../modules/supervision/orders/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

export type Order = OrderView;

/** 督办单 of the scope: open, overdue (red), done or all; `mine`: those the signed-in person must answer. */
export const listOrders = async (query: { filter?: string; caseId?: string; mine?: 'true' }): Promise<Order[]> =>
  (await api.get<{ orders: Order[] }>(`/api/supervision-orders${queryString(query)}`)).orders;

export const issueOrder = (
  body: { caseId: string; instruction: string; addressee: { kind: 'holder' }; days?: number; dueOn?: string },
  key: string,
) => api.post<Order>('/api/supervision-orders', body, key);

export const answerOrder = (order: Pick<Order, 'id' | 'version'>, text: string, key: string) =>
  api.post<Order>(`/api/supervision-orders/${order.id}/answer`, { version: order.version, text }, key);

export const reviewOrder = (order: Pick<Order, 'id' | 'version'>, act: 'accept' | 'return', note: string, key: string) =>
  api.post<Order>(`/api/supervision-orders/${order.id}/${act}`, { version: order.version, note }, key);
