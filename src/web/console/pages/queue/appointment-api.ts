import type { z } from 'zod';
import type {
  AppointmentView,
  AssigneeView,
  CreateSessionBody,
  ScheduleView,
  SessionView,
  StaffBookBody,
} from '../../../../modules/queue/appointments/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

/** 预约 for staff: the director's sessions, a day's schedule, 电话预约 and 上门服务. */
export type Session = SessionView;
export type Schedule = ScheduleView;
export type Appointment = AppointmentView;
export type NewSession = z.input<typeof CreateSessionBody>;
export type NewStaffBooking = z.input<typeof StaffBookBody>;

export const listSessions = async (orgId: string) =>
  (await api.get<{ sessions: Session[] }>(`/api/queue/appointment-sessions${queryString({ orgId })}`)).sessions;
export const createSession = (body: NewSession, key: string) =>
  api.post<{ session: Session }>('/api/queue/appointment-sessions', body, key);
export const removeSession = (session: Session, key: string) =>
  api.post(`/api/queue/appointment-sessions/${session.id}/remove`, { version: session.version }, key);
export type Assignee = AssigneeView;
export const listAssignees = async (orgId: string) =>
  (await api.get<{ assignees: Assignee[] }>(`/api/queue/appointment-assignees${queryString({ orgId })}`)).assignees;
export const fetchSchedule = (orgId: string, date: string) => api.get<Schedule>(`/api/queue/appointments${queryString({ orgId, date })}`);
export const staffBook = (body: NewStaffBooking, key: string) =>
  api.post<{ appointment: Appointment }>('/api/queue/appointments', body, key);
