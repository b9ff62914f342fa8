/**
 * 好差评 (ratings): one record per rated handling from every channel (the hall's pad, the tracking page,
 * the SMS link, the default rating), confidential raters, and the 差评 loop (rectifications).
 */
export { ratingRoutes } from './routes.ts';
/** The hall's rating pad ends in the same record (一次一评), in the queue's transaction. */
export { recordPadRating, runDefaultRatingJob } from './service.ts';
/** Levels and indicators the web shows (pure, versioned). */
export { RATING_LEVELS, RATING_LABELS, RATING_REASONS, INDICATORS, isBadRating, type RatingLevel } from './indicators.rules.ts';
/** 待办: the open 差评整改 items of a person's scope (the home page's to-do). */
export { openRectificationsOf } from './rectifications/service.ts';
/** The demo county's month of ratings at 乐里镇 (src/seed). */
export { seedDemoRatings } from './demo.ts';
/** 电子监察: a period's ratings (all, 差评, by default) and the 差评 loops still open, for some orgs. */
export { countRatings } from './repo.ts';
export { countOpen as countOpenRectifications } from './rectifications/repo.ts';
