import { createRouter, createWebHistory } from 'vue-router';
import { i18n } from './i18n.ts';
import { canVisit, entryOf } from './navigation.ts';
import { currentUser, isPasswordChangeRequired, loadSession } from './session.ts';

/** Served by the server under /console/ (any unknown path there returns index.html). Pages load lazily. */
export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/login', component: () => import('./pages/LoginPage.vue'), meta: { isPublic: true } },
    {
      path: '/',
      component: () => import('./components/ConsoleLayout.vue'),
      children: [
        { path: '', component: () => import('./pages/HomePage.vue') },
        { path: 'cases', component: () => import('./pages/cases/CasesPage.vue') },
        { path: 'cases/new', component: () => import('./pages/cases/IntakePage.vue') },
        { path: 'cases/:id', component: () => import('./pages/cases/CasePage.vue') },
        { path: 'agency', component: () => import('./pages/agency/AgencyQueuePage.vue') },
        { path: 'agency/performance', component: () => import('./pages/agency/AgencyPerformancePage.vue') },
        { path: 'agency/settings', component: () => import('./pages/agency/AgencySettingsPage.vue') },
        { path: 'agency/:id', component: () => import('./pages/agency/AgencyRequestPage.vue') },
        { path: 'queue', component: () => import('./pages/queue/QueuePage.vue') },
        { path: 'queue/settings', component: () => import('./pages/queue/QueueSettingsPage.vue') },
        { path: 'queue/figures', component: () => import('./pages/queue/QueueFiguresPage.vue') },
        { path: 'queue/appointments', component: () => import('./pages/queue/AppointmentsPage.vue') },
        { path: 'catalog', component: () => import('./pages/catalog/CatalogPage.vue') },
        { path: 'catalog/:id', component: () => import('./pages/catalog/ItemEditPage.vue') },
        { path: 'orgs', component: () => import('./pages/org/OrgsPage.vue') },
        { path: 'departments', component: () => import('./pages/org/DepartmentsPage.vue') },
        { path: 'windows', component: () => import('./pages/org/WindowsPage.vue') },
        { path: 'staff', component: () => import('./pages/staff/StaffPage.vue') },
        { path: 'calendar', component: () => import('./pages/calendar/CalendarPage.vue') },
        { path: 'notices', component: () => import('./pages/notices/NoticesPage.vue') },
        { path: 'supervision-orders', component: () => import('./pages/supervision/OrdersPage.vue') },
        { path: 'ledgers', component: () => import('./pages/supervision/LedgersPage.vue') },
        { path: 'complaints', component: () => import('./pages/complaints/ComplaintsPage.vue') },
        { path: 'complaints/:id', component: () => import('./pages/complaints/ComplaintPage.vue') },
        { path: 'audit', component: () => import('./pages/audit/AuditPage.vue') },
        { path: 'supervision', component: () => import('./pages/supervision/SupervisionScreenPage.vue') },
        { path: 'ratings', component: () => import('./pages/ratings/RatingsPage.vue') },
        { path: 'rectifications', component: () => import('./pages/ratings/RectificationsPage.vue') },
        { path: 'password', component: () => import('./pages/PasswordPage.vue') },
      ],
    },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});

let isSessionChecked = false;

router.beforeEach(async (to) => {
  if (!isSessionChecked) {
    isSessionChecked = true;
    await loadSession();
  }
  if (to.meta.isPublic) return true;
  // R13: on the first password, the password page is the only page (the server answers nothing else).
  if (isPasswordChangeRequired.value) return to.path === '/password' ? true : '/password';
  const user = currentUser.value;
  if (!user) return { path: '/login', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
  // A page the role has no menu entry for would only show refusals from the server.
  if (!canVisit(user.role, to.path)) return '/';
  return true;
});

router.afterEach((to) => {
  const entry = entryOf(to.path);
  const t = i18n.global.t;
  document.title = entry ? `${t(entry.label)} · ${t('app.name')}` : `${t('app.name')} · ${t('app.subtitle')}`;
});
