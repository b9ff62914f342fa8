/**
 * Hall figures from rollup sums (pure): averages in minutes to one decimal, rates to three, nothing
 * divided by zero. Seeds: 服务效率 (waiting and service time) and 群众满意度 as the center reports them.
 */
export interface RollupSums {
  issued: number;
  called: number;
  waitSeconds: number;
  served: number;
  serviceSeconds: number;
  noShows: number;
  cases: number;
  consultations: number;
  ratings: number;
  ratingPoints: number;
  booked: number;
  checkedIn: number;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function figuresOf(sums: RollupSums) {
  return {
    issued: sums.issued,
    called: sums.called,
    served: sums.served,
    noShows: sums.noShows,
    cases: sums.cases,
    consultations: sums.consultations,
    ratings: sums.ratings,
    booked: sums.booked,
    checkedIn: sums.checkedIn,
    averageWaitMinutes: sums.called === 0 ? null : round(sums.waitSeconds / sums.called / 60, 1),
    averageServiceMinutes: sums.served === 0 ? null : round(sums.serviceSeconds / sums.served / 60, 1),
    noShowRate: sums.called === 0 ? null : round(sums.noShows / sums.called, 3),
    averageRating: sums.ratings === 0 ? null : round(sums.ratingPoints / sums.ratings, 2),
  };
}

/** A month at most per request: the view reads rollups, but a year of hours is still a long table. */
export const MAX_FIGURE_DAYS = 93;
