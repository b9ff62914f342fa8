import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isConnectionFailure } from './failures.ts';

const sqlError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('which database errors mean "unavailable" (R11)', () => {
  it('counts refused, reset and terminated connections and the server shutting down', () => {
    const refused = new AggregateError(
      [
        Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' }),
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ],
      '',
    );
    for (const error of [
      refused,
      sqlError('57P01', 'terminating connection due to administrator command'),
      sqlError('57P03', 'the database system is starting up'),
      sqlError('08006'),
      sqlError('53300', 'sorry, too many clients already'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('timeout exceeded when trying to connect'),
      new DatabaseUnavailableError(new Error('x')),
    ]) {
      expect(isConnectionFailure(error), String(error)).toBe(true);
    }
  });

  it('does not count a wrong statement, a constraint or a lock refusal', () => {
    for (const error of [
      sqlError('23505'),
      sqlError('42P01'),
      sqlError('40001'),
      sqlError('55000', 'currval of sequence is not yet defined'),
      new TypeError('x'),
      'text',
      null,
    ]) {
      expect(isConnectionFailure(error), String(error)).toBe(false);
    }
  });
});
