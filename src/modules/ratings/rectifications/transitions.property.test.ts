import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, weekdayOf, type BusinessDate } from '../../../shared/business-date.ts';
import {
  ACT_OF_STAGE,
  allowedActs,
  CLASSIFICATIONS,
  dueOfStage,
  nextStage,
  RATER_VIEWS,
  RECTIFICATION_ACTS,
  STEP_WORKING_DAYS,
  warningOf,
  type ActInput,
  type RectificationStage,
} from './transitions.rules.ts';

/** A calendar with weekends off and a holiday week (the property must not depend on plain date arithmetic). */
const HOLIDAYS = new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']);
const isWorking = (date: BusinessDate) => weekdayOf(date) % 6 !== 0 && !HOLIDAYS.has(date);
const calendar = {
  add(from: BusinessDate, days: number): BusinessDate {
    let date = from;
    for (let left = days; left > 0;) {
      date = addCalendarDays(date, 1);
      if (isWorking(date)) left -= 1;
    }
    return date;
  },
};

const input = fc.oneof(
  fc.constantFrom<ActInput>({ act: 'verify' }, { act: 'rectify' }, { act: 'answer' }, { act: 'call-back' }),
  fc.constantFrom(...CLASSIFICATIONS).map((classification): ActInput => ({ act: 'classify', classification })),
  fc.boolean().map((isUpheld): ActInput => ({ act: 'decide-appeal', isUpheld })),
  fc.constantFrom(...RATER_VIEWS).map((view): ActInput => ({ act: 'record-view', view })),
);

/** The steps each step may lead to: the loop's edges, nothing else. */
const EDGES: Record<RectificationStage, readonly RectificationStage[]> = {
  verify: ['classify'],
  classify: ['rectify', 'answer', 'appeal'],
  appeal: ['closed', 'rectify'],
  rectify: ['answer'],
  answer: ['view'],
  view: ['callback'],
  callback: ['closed'],
  closed: [],
};

describe('差评整改 state machine (properties)', () => {
  it('no step is skipped: any sequence of acts moves only along the loop, and a closed loop was verified and classified', () => {
    fc.assert(
      fc.property(fc.array(input, { maxLength: 30 }), (inputs) => {
        let stage: RectificationStage = 'verify';
        const seen: RectificationStage[] = [stage];
        for (const step of inputs) {
          const next = nextStage(stage, step);
          if (next === null) {
            expect(stage === 'closed' || ACT_OF_STAGE[stage] !== step.act).toBe(true);
            continue;
          }
          expect(EDGES[stage]).toContain(next);
          stage = next;
          seen.push(stage);
        }
        if (stage === 'closed') {
          expect(seen.slice(0, 2)).toEqual(['verify', 'classify']);
          // Unless a supervisor upheld the appeal, the rater was answered, judged the fix and was called back.
          if (!seen.includes('appeal') || seen.includes('rectify'))
            expect(seen.slice(-4)).toEqual(['answer', 'view', 'callback', 'closed']);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('deadlines move only by the calendar: each step is due its working days after the act, on a working day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }).map((offset) => addCalendarDays('2026-01-01' as BusinessDate, offset)),
        fc.constantFrom<RectificationStage>('verify', 'classify', 'appeal', 'rectify', 'answer', 'view', 'callback'),
        (today, stage) => {
          const due = dueOfStage(stage, today, calendar);
          if (due === null) throw new Error('open step without a due date');
          expect(isWorking(due)).toBe(true);
          expect(due > today).toBe(true);
          let working = 0;
          for (let date = addCalendarDays(today, 1); date <= due; date = addCalendarDays(date, 1)) if (isWorking(date)) working += 1;
          expect(working).toBe(STEP_WORKING_DAYS[stage as Exclude<RectificationStage, 'closed'>]);
          // The warning climbs pre → yellow → red as the days pass, never back.
          const grades = [calendar.add(today, 0), addCalendarDays(due, -1), due, addCalendarDays(due, 1)].map((day) =>
            warningOf(due, day, calendar),
          );
          expect(grades.at(-1)).toBe('red');
          expect(grades.at(-2)).toBe('yellow');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('each role is offered only the act its permission allows, and a closed loop offers none', () => {
    for (const act of RECTIFICATION_ACTS) {
      const stage = (Object.keys(ACT_OF_STAGE) as (keyof typeof ACT_OF_STAGE)[]).find((key) => ACT_OF_STAGE[key] === act);
      if (!stage) throw new Error(`no stage waits for ${act}`);
      const offered = (['director', 'window_staff', 'supervisor', 'county_admin', 'reviewer', 'agent'] as const).filter((role) =>
        allowedActs(stage, role).includes(act),
      );
      expect(offered).toEqual(act === 'decide-appeal' ? ['supervisor'] : ['director', 'county_admin']);
    }
    expect(allowedActs('closed', 'director')).toEqual([]);
  });
});
