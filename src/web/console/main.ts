import 'element-plus/dist/index.css';
import '../shared/base.css';
import '../shared/elderly-mode.ts';
import { createApp } from 'vue';
import { setPasswordChangeHandler, setUnauthorizedHandler } from '../shared/api.ts';
import { syncServerClock } from '../shared/server-clock.ts';
import App from './App.vue';
import { i18n } from './i18n.ts';
import { router } from './router.ts';
import { currentUser, isPasswordChangeRequired } from './session.ts';

setUnauthorizedHandler(() => {
  currentUser.value = null;
  isPasswordChangeRequired.value = false;
  if (router.currentRoute.value.path !== '/login')
    void router.push({ path: '/login', query: { next: router.currentRoute.value.fullPath } });
});

// R13: the server refuses everything but a password change (e.g. an administrator reset the password meanwhile).
setPasswordChangeHandler(() => {
  isPasswordChangeRequired.value = true;
  if (currentUser.value) currentUser.value.mustChangePassword = true;
  if (router.currentRoute.value.path !== '/password') void router.push('/password');
});

// Today's date in the console is the server's (YIZHAN_CLOCK may set it), not the browser's.
void syncServerClock().catch(() => undefined);
createApp(App).use(i18n).use(router).mount('#app');
