import { newActionKey } from '../../../shared/api.ts';
import { finishTicket, revealApplicant } from './queue-api.ts';

/**
 * 窗口开办件: the intake page opened from the calling panel (`?ticket=<id>`) prefills the applicant
 * the citizen gave at the kiosk (an audited reveal, for the ticket at the clerk's own window) and,
 * once the case is opened, finishes the ticket with it — so the ticket becomes the case.
 */
export async function applicantOfTicket(ticketId: string): Promise<{ name: string; phone: string; idNumber: string }> {
  return revealApplicant(ticketId, newActionKey());
}

export async function finishTicketWithCase(ticketId: string, caseId: string): Promise<void> {
  await finishTicket(ticketId, { caseIds: [caseId] }, newActionKey());
}
