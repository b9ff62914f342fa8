import { createI18n } from 'vue-i18n';
import { en } from './locales/en.ts';
import { zhCN } from './locales/zh-cn.ts';

const LOCALE_KEY = 'yizhan.locale';

export type Locale = 'zh-CN' | 'en';

function storedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** zh-CN first, English second; pages loaded later merge their own words in (see cases/messages.ts). */
export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

document.documentElement.lang = i18n.global.locale.value;

export function setLocale(next: Locale): void {
  i18n.global.locale.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(LOCALE_KEY, next);
  } catch {
    // Storage may be refused (private browsing); the choice holds for this visit.
  }
}

export function toggleLocale(): void {
  setLocale(i18n.global.locale.value === 'en' ? 'zh-CN' : 'en');
}
