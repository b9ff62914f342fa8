/** 村级全程代办 (agency): requests an agent carries from the village to the township and back, on the clock. */
export { agencyRoutes } from './routes.ts';
export { followAgentCase } from './acts.ts';
/** 电子监察 of 代办 legs, run by the server's job timer beside the case warning job. */
export { runAgencyWarningJob, type AgencyWarningRun } from './warnings.ts';
export type { AgencyDeps, AgencyItem } from './ports.ts';
export { seedDemoAgency } from './demo.ts';
/** 待接收的代办件 for the home page's to-do: how many, and the first few. */
export { foldersToReceive } from './awaiting.ts';
