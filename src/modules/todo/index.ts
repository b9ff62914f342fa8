/** 待办 (to-do): the home page's sections of work per role, read through the owning modules. */
export { todoRoutes } from './routes.ts';
export { TODO_SECTION_KEYS, type TodoView, type TodoSectionView, type TodoItemView } from './schemas.ts';
