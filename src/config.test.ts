import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('has the 等保 defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.security).toEqual({
      maxFailedLogins: 5,
      maxFailedLoginsPerAddress: 30,
      lockMinutes: 30,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      passwordMinLength: 8,
      passwordMinClasses: 3,
    });
    expect(config.trustProxy).toBe(false);
    expect(config.allowedOrigins).toEqual([]);
  });

  it('reads YIZHAN_TRUST_PROXY as off, a hop count, or proxy addresses and ranges', () => {
    expect(loadConfig({ YIZHAN_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ YIZHAN_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ YIZHAN_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8 ,::1,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    for (const bad of ['true', '0', '11', '10.0.0.0/33', 'proxy.example', '10.0.0.1,']) {
      const attempt = () => loadConfig({ YIZHAN_TRUST_PROXY: bad });
      if (bad === '10.0.0.1,') expect(attempt().trustProxy).toEqual(['10.0.0.1']);
      else expect(attempt, bad).toThrow(/YIZHAN_TRUST_PROXY 应为 off、代理层数/);
    }
  });

  it('reads YIZHAN_ALLOWED_ORIGINS as a list of origins and refuses anything else', () => {
    expect(loadConfig({ YIZHAN_ALLOWED_ORIGINS: 'http://localhost:5173, https://yizhan.example.gov.cn' }).allowedOrigins).toEqual([
      'http://localhost:5173',
      'https://yizhan.example.gov.cn',
    ]);
    expect(() => loadConfig({ YIZHAN_ALLOWED_ORIGINS: 'https://yizhan.example.gov.cn/console/' })).toThrow(/不是来源/);
    expect(() => loadConfig({ YIZHAN_ALLOWED_ORIGINS: 'yizhan.example.gov.cn' })).toThrow(/不是来源/);
    expect(loadConfig({ YIZHAN_LOGIN_ADDRESS_MAX_FAILURES: '100' }).security.maxFailedLoginsPerAddress).toBe(100);
    expect(() => loadConfig({ YIZHAN_LOGIN_ADDRESS_MAX_FAILURES: '2' })).toThrow(/YIZHAN_LOGIN_ADDRESS_MAX_FAILURES/);
  });

  it('reads YIZHAN_PUBLIC_URL as the public base address without its trailing slash, and refuses anything else', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ YIZHAN_PUBLIC_URL: 'https://yizhan.example.gov.cn/' }).publicUrl).toBe('https://yizhan.example.gov.cn');
    expect(loadConfig({ YIZHAN_PUBLIC_URL: 'https://www.tianlin.gov.cn/yizhan/' }).publicUrl).toBe('https://www.tianlin.gov.cn/yizhan');
    expect(() => loadConfig({ YIZHAN_PUBLIC_URL: 'yizhan.example.gov.cn' })).toThrow(/YIZHAN_PUBLIC_URL 应为/);
    expect(() => loadConfig({ YIZHAN_PUBLIC_URL: 'ftp://yizhan.example.gov.cn' })).toThrow(/YIZHAN_PUBLIC_URL 应为/);
    expect(() => loadConfig({ YIZHAN_PUBLIC_URL: 'https://yizhan.example.gov.cn/?a=1' })).toThrow(/YIZHAN_PUBLIC_URL 应为/);
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
