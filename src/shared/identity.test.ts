import { describe, expect, it } from 'vitest';
import { isPhoneNumber, isResidentIdNumber, isUnifiedSocialCreditCode, maskIdNumber, maskPhone } from './identity.ts';

describe('居民身份证号码 GB 11643', () => {
  it('accepts numbers whose check character matches', () => {
    expect(isResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isResidentIdNumber('451029198503120017')).toBe(true);
  });
  it('refuses a wrong check character, an impossible birth date and bad shapes', () => {
    expect(isResidentIdNumber('110105194912310021')).toBe(false);
    expect(isResidentIdNumber('110105194902300023')).toBe(false);
    expect(isResidentIdNumber('11010519491231002x')).toBe(false);
    expect(isResidentIdNumber('1101051949123100')).toBe(false);
  });
});

describe('统一社会信用代码 GB 32100', () => {
  it('accepts valid codes and refuses a changed character', () => {
    expect(isUnifiedSocialCreditCode('91350100M000100Y43')).toBe(true);
    expect(isUnifiedSocialCreditCode('91350100M000100Y44')).toBe(false);
    expect(isUnifiedSocialCreditCode('91350100M000100I43')).toBe(false);
  });
});

describe('phones and masking', () => {
  it('knows mobile and landline numbers', () => {
    expect(isPhoneNumber('13800138000')).toBe(true);
    expect(isPhoneNumber('0771-5678901')).toBe(true);
    expect(isPhoneNumber('12800138000')).toBe(false);
    expect(isPhoneNumber('1380013800')).toBe(false);
  });
  it('shows first 6 + last 4 of an ID and first 3 + last 4 of a phone', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});
