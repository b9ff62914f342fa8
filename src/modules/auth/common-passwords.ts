/**
 * Passwords that lead the leaked-password lists (Chinese and international) and their 3-class
 * variants that pass a naive rule check. Compared lower-cased, also with symbols removed.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456', '12345678', '123456789', '1234567890', '111111', '000000', '888888', '666666', '123123', '654321',
  'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'admin', 'admin123', 'admin888',
  'admin@123', 'admin1234', 'administrator', 'root', 'root123', 'qwerty', 'qwerty123', 'qwe123', 'qwe123456',
  'abc123', 'abc12345', 'abcd1234', 'a1234567', 'a12345678', 'aa123456', 'aa12345678', 'woaini', 'woaini1314',
  '5201314', 'iloveyou', 'welcome', 'welcome1', 'welcome123', 'letmein', 'monkey', 'dragon', 'sunshine',
  'zxcvbnm', 'asdfghjkl', '1qaz2wsx', '1qaz2wsx3edc', 'qazwsx', 'qazwsxedc', 'q1w2e3r4', 'q1w2e3r4t5',
  'test123', 'test1234', 'user123', 'guest', 'changeme', 'china123', 'beijing', 'huawei123', 'p@ssw0rd123',
  'password@123', 'admin@1234', 'abc@123', 'abc@1234', 'aa@123456', 'qwer1234', 'qwer@1234', '1q2w3e4r',
  '1q2w3e4r5t', 'zaq12wsx', 'yizhan', 'yizhan123', 'yizhan@123', 'test@123', 'root@123', 'huawei@123',
]);
