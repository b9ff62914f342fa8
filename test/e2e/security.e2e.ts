import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { E2eTest } from './console.e2e.ts';
import { api, DEMO_PASSWORD, newPage, SCREENSHOTS, takeCspViolations, type Server } from './harness.ts';
import { ConsoleShell, field, LoginPage } from './pages.ts';

const PHONE = { width: 360, height: 740 };

/** A new account as an administrator makes it: on a first password that must be changed (R13). */
async function newAccount(server: Server, role: 'agent' | 'window_staff', username: string, password: string): Promise<void> {
  const { token } = await api<{ token: string }>(server, '/api/auth/login', { body: { username: 'director1', password: DEMO_PASSWORD } });
  const { orgs } = await api<{ orgs: { id: string; name: string }[] }>(server, '/api/orgs', { token });
  const org = orgs.find((candidate) => candidate.name.includes(role === 'agent' ? '弄瓦村' : '乐里镇'));
  assert.ok(org, 'the demo org exists');
  await api(server, '/api/staff', {
    token,
    body: { orgId: org.id, username, name: role === 'agent' ? '罗春花' : '黄小梅', role, phone: '13907765555', password },
  });
}

export const securityTests: E2eTest[] = [
  {
    name: 'the CSP check of this harness sees a refused inline script (it would fail a test)',
    async run(browser, server) {
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).open();
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.append(script);
      });
      await page.waitForTimeout(200);
      const violations = takeCspViolations();
      assert.ok(
        violations.some((text) => /script-src/.test(text)),
        `a violation was reported: ${violations.join(' | ')}`,
      );
      assert.equal(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected), undefined);
      await context.close();
    },
  },
  {
    name: 'a form on another port of the same host cannot sign a clerk out (Origin check)',
    async run(browser, server) {
      const evil = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(
          `<form method="post" action="${server.baseUrl}/api/auth/logout" enctype="text/plain"><input name="x" value="1"></form><script>document.forms[0].submit()</script>`,
        );
      });
      await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
      try {
        const { context, page } = await newPage(browser);
        await new LoginPage(page, server.baseUrl).signIn('window1', DEMO_PASSWORD);
        await new ConsoleShell(page).waitForHome();
        const other = await context.newPage();
        const answer = other.waitForResponse((response) => response.url().endsWith('/api/auth/logout'));
        await other.goto(`http://127.0.0.1:${String((evil.address() as AddressInfo).port)}/`);
        const refused = await answer;
        assert.equal(refused.status(), 403);
        assert.match(await refused.text(), /CROSS_ORIGIN_REFUSED/);
        await page.reload();
        // Still signed in: the console opens its home page, not the sign-in page.
        await new ConsoleShell(page).waitForHome();
        await context.close();
      } finally {
        await new Promise((resolve) => evil.close(resolve));
      }
    },
  },
  {
    name: 'console: on the first password every page leads to the password page, also after a reload; then the clerk can work',
    async run(browser, server) {
      const username = `e2efirst${String(Date.now()).slice(-5)}`;
      await newAccount(server, 'window_staff', username, 'Huang#2026ok');
      const { context, page } = await newPage(browser);
      await new LoginPage(page, server.baseUrl).signIn(username, 'Huang#2026ok');
      await page.locator('[data-test=password-must-change]').waitFor();
      await page.goto(`${server.baseUrl}/console/cases`);
      await page.locator('[data-test=password-must-change]').waitFor();
      assert.equal(new URL(page.url()).pathname, '/console/password');
      await page.screenshot({ path: join(SCREENSHOTS, 'console-first-password.png'), fullPage: true });
      await page.locator(field('current-password')).fill('Huang#2026ok');
      await page.locator(field('new-password')).fill('Huang#2027ok');
      await page.locator(field('repeat-password')).fill('Huang#2027ok');
      await page.locator('[data-test=password-submit]').click();
      await page.locator('[data-test=welcome]').waitFor();
      assert.match(await page.locator('[data-test=welcome]').innerText(), /黄小梅/);
      await context.close();
    },
  },
  {
    name: 'agent app: a new agent on the first password changes it on the phone, then reaches the app',
    async run(browser, server) {
      const username = `e2eagent${String(Date.now()).slice(-5)}`;
      await newAccount(server, 'agent', username, 'Luo#2026okay');
      const { context, page } = await newPage(browser, PHONE);
      await page.goto(`${server.baseUrl}/agent/`);
      await page.locator('[data-test=signin-username]').fill(username);
      await page.locator('[data-test=signin-password]').fill('Luo#2026okay');
      await page.locator('[data-test=signin-submit]').click();
      assert.match(await page.locator('[data-test=password-required]').innerText(), /初始密码.*修改密码后才能使用/);
      await page.screenshot({ path: join(SCREENSHOTS, 'agent-first-password.png'), fullPage: true });
      // A reload keeps the agent on the password page: the server answers nothing else yet.
      await page.reload();
      await page.locator('[data-test=password-required]').waitFor();
      await page.locator('[data-test=password-current]').fill('Luo#2026okay');
      await page.locator('[data-test=password-next]').fill('Luo#2027okay');
      await page.locator('[data-test=password-repeat]').fill('Luo#2027okay');
      await page.locator('[data-test=password-submit]').click();
      await page.locator('[data-test=counts]').waitFor();
      await page.locator('[data-test=password-form]').waitFor({ state: 'detached' });
      await context.close();
    },
  },
];
