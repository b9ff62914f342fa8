import { z } from 'zod';
import { isPhoneNumber, isResidentIdNumber, isUnifiedSocialCreditCode } from './identity.ts';

/** 申请人: a person with a 居民身份证 number (GB 11643 checksum) or an organisation with a USCC (GB 32100). */
export const ApplicantBody = z
  .strictObject({
    type: z.enum(['person', 'org'], '申请人类型应为 person（个人）或 org（法人）'),
    name: z.string().trim().min(2, '申请人名称至少 2 个字').max(100),
    idNumber: z.string().trim().toUpperCase(),
    phone: z.string().trim().refine(isPhoneNumber, '联系电话格式不正确（手机 11 位，座机如 0776-7211001）'),
    address: z.string().trim().max(200).default(''),
  })
  .superRefine((applicant, context) => {
    const isValid = applicant.type === 'person' ? isResidentIdNumber(applicant.idNumber) : isUnifiedSocialCreditCode(applicant.idNumber);
    if (!isValid) {
      context.addIssue({
        code: 'custom',
        path: ['idNumber'],
        message:
          applicant.type === 'person'
            ? '居民身份证号码不正确（18 位，校验位不符或出生日期无效）'
            : '统一社会信用代码不正确（18 位，校验位不符）',
      });
    }
  });
