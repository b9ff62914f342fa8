import type { Locator, Page } from 'playwright-core';

/** Element Plus puts attributes of an ElInput on its inner <input>; accept either place. */
export function field(name: string): string {
  return `input[data-test=${name}], [data-test=${name}] input`;
}

/** Page objects: what a person does on each console page, so tests read like the workflow. */
export class LoginPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/console/login`);
    await this.page.locator(field('username')).waitFor();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.open();
    await this.page.locator(field('username')).fill(username);
    await this.page.locator(field('password')).fill(password);
    await this.page.locator('[data-test=login-submit]').click();
  }

  async error(): Promise<string> {
    return this.page.locator('[data-test=login-error]').innerText();
  }
}

export class ConsoleShell {
  constructor(private readonly page: Page) {}

  async currentUser(): Promise<string> {
    return this.page.locator('[data-test=current-user]').innerText();
  }

  async waitForHome(): Promise<void> {
    await this.page.locator('[data-test=welcome]').waitFor();
  }

  async menuLabels(): Promise<string[]> {
    await this.page.locator('[data-test=nav] .el-menu-item').first().waitFor();
    return (await this.page.locator('[data-test=nav] .el-menu-item').allInnerTexts()).map((text) => text.trim());
  }

  async navigate(label: string): Promise<void> {
    await this.page.locator('[data-test=nav]').getByText(label, { exact: true }).click();
  }

  async signOut(): Promise<void> {
    await this.page.locator('[data-test=logout]').click();
    await this.page.locator(field('username')).waitFor();
  }
}

export class StaffPage {
  constructor(private readonly page: Page) {}

  async create(person: { org: string; username: string; name: string; role: string; phone: string; password: string }): Promise<void> {
    await this.page.locator('[data-test=staff-add]').click();
    const form = this.page.locator('[data-test=staff-form]');
    await form.waitFor();
    await this.choose('[data-test=staff-org]', person.org);
    await form.locator(field('staff-username')).fill(person.username);
    await form.locator(field('staff-name')).fill(person.name);
    await this.choose('[data-test=staff-role]', person.role);
    await form.locator(field('staff-phone')).fill(person.phone);
    await form.locator(field('staff-password')).fill(person.password);
    await this.page.locator('[data-test=staff-save]').click();
    await form.waitFor({ state: 'hidden' });
  }

  async listedUsernames(): Promise<string[]> {
    await this.page.locator('[data-test=staff-table] .el-table__row').first().waitFor();
    return this.page.locator('[data-test=staff-table] .el-table__body-wrapper td.col-username').allInnerTexts();
  }

  /** Waits until the list (after a reload) shows the person. */
  async waitForListed(username: string): Promise<void> {
    await this.row(username).waitFor();
  }

  async search(text: string): Promise<void> {
    await this.page.locator(field('staff-search')).fill(text);
    await this.page.locator(field('staff-search')).press('Enter');
  }

  /** The table row of one person (the body row, not the copy Element Plus keeps for the fixed column). */
  row(username: string): Locator {
    return this.page.locator('[data-test=staff-table] .el-table__body-wrapper .el-table__row', {
      has: this.page.locator('td.col-username', { hasText: new RegExp(`^${username}$`) }),
    });
  }

  /** Clicks a row action (编辑, 解锁, 停用 …) and, when it asks, confirms. */
  async act(username: string, label: string): Promise<void> {
    await this.row(username).getByRole('button', { name: label, exact: true }).click();
    await new MessageBox(this.page).confirm();
  }

  private async choose(selector: string, label: string): Promise<void> {
    await this.page.locator(selector).click();
    await this.page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
  }
}

/** Element Plus confirmation boxes and toasts. */
export class MessageBox {
  constructor(private readonly page: Page) {}

  async confirm(): Promise<void> {
    const box = this.page.locator('.el-message-box:visible');
    await box.waitFor();
    await box.locator('.el-message-box__btns .el-button--primary').click();
    await box.waitFor({ state: 'hidden' });
  }

  /** The text of the newest error toast. */
  async error(): Promise<string> {
    const toast = this.page.locator('.el-message--error').last();
    await toast.waitFor();
    return toast.innerText();
  }
}
