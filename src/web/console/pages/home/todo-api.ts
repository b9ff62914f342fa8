import type { TodoView } from '../../../../modules/todo/schemas.ts';
import { api } from '../../../shared/api.ts';

export type { TodoView };
export type TodoSection = TodoView['sections'][number];

/** 待办: the signed-in person's sections of work (GET /api/todo). */
export const fetchTodo = () => api.get<TodoView>('/api/todo');
