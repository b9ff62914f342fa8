/** 通知 (notices): messages to applicants from the outbox, recorded in the console or sent through an SMS gateway webhook. */
export { deliverNotices, webhookSender, type Sender } from './delivery.ts';
export { noticeRoutes } from './routes.ts';
export { enqueueNotice } from './repo.ts';
