import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('has the 等保 defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.security).toEqual({
      maxFailedLogins: 5,
      lockMinutes: 30,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      passwordMinLength: 8,
      passwordMinClasses: 3,
    });
  });

  it('lists every problem at once, in Chinese where it helps', () => {
    try {
      loadConfig({ PORT: 'abc', YIZHAN_CLOCK: 'yesterday', YIZHAN_PASSWORD_MIN_LENGTH: '6' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('YIZHAN_CLOCK');
      expect(problems).toContain('不能低于 8');
    }
  });

  it('starts the clock where YIZHAN_CLOCK says', () => {
    expect(loadConfig({ YIZHAN_CLOCK: '2026-10-08T09:00:00+08:00' }).clockStart?.toISOString()).toBe('2026-10-08T01:00:00.000Z');
  });
});
