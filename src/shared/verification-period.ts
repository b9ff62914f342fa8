/**
 * 事中事后核查期限 (国办发〔2020〕42号 leaves the period to each item): the working days after acceptance in
 * which materials received by 告知承诺 are checked, when an item sets none — the guide editor's default
 * and the period of cases opened before items carried their own (ADR 0024).
 */
export const VERIFICATION_DAYS_DEFAULT = 20;
