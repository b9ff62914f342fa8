import 'element-plus/dist/index.css';
import '../shared/base.css';
import '../shared/elderly-mode.ts';
import { createApp } from 'vue';
import { setUnauthorizedHandler } from '../shared/api.ts';
import App from './App.vue';
import { i18n } from './i18n.ts';
import { router } from './router.ts';
import { currentUser } from './session.ts';

setUnauthorizedHandler(() => {
  currentUser.value = null;
  if (router.currentRoute.value.path !== '/login') void router.push({ path: '/login', query: { next: router.currentRoute.value.fullPath } });
});

createApp(App).use(i18n).use(router).mount('#app');
