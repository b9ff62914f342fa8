/**
 * What a search box entry means on the case list (issue 11): a case number exactly or by prefix, an
 * applicant's name exactly or by prefix, the last 4 digits of the ID number or phone (or the whole number).
 * Pure: the repo turns the terms into indexed conditions.
 */
export interface SearchTerms {
  text: string;
  /** Case numbers starting with the text: only from 5 characters on, so 4 digits mean the last 4 of a number, not every case of an org. */
  isCaseNoPrefix: boolean;
  /** Names starting with the text (2 characters or more; one character matches a whole name only). */
  isNamePrefix: boolean;
  /** 证件号码后 4 位 (the check digit may be X). */
  idLast4: string | null;
  /** 手机号后 4 位. */
  phoneLast4: string | null;
  /** A whole ID number or unified social credit code, matched through its last 4. */
  idNumber: string | null;
  /** A whole mobile number, matched through its last 4. */
  phone: string | null;
}

const CASE_NO_CHARS = /^[0-9A-Za-z-]+$/;
const LAST4_ID = /^\d{3}[\dX]$/;
const LAST4_PHONE = /^\d{4}$/;
/** GB 11643 (18 characters) or GB 32100 (18 characters); 15-digit first-generation ID numbers too. */
const WHOLE_ID = /^(?:\d{15}|[0-9A-Z]{18})$/;
const WHOLE_PHONE = /^1\d{10}$/;

/** The terms of a search, or null when there is nothing to search for. */
export function searchTermsOf(query: string | undefined): SearchTerms | null {
  const text = (query ?? '').trim();
  if (text === '') return null;
  const upper = text.toUpperCase();
  return {
    text,
    isCaseNoPrefix: text.length >= 5 && CASE_NO_CHARS.test(text),
    isNamePrefix: Array.from(text).length >= 2,
    idLast4: LAST4_ID.test(upper) ? upper : null,
    phoneLast4: LAST4_PHONE.test(text) ? text : null,
    idNumber: WHOLE_ID.test(upper) && !WHOLE_PHONE.test(text) ? upper : null,
    phone: WHOLE_PHONE.test(text) ? text : null,
  };
}

/**
 * The exclusive upper bound of the strings that start with `prefix` in code-point (UTF-8 byte, collation
 * "C") order: the prefix followed by the last code point, above every character a name or number holds.
 */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
