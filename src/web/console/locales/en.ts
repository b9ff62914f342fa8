import type { ConsoleMessages } from './zh-cn.ts';

/** The console's words in English (second language; same keys as zh-CN, checked by the type). */
export const en: ConsoleMessages = {
  app: {
    name: 'Yizhan', subtitle: 'Service hall console', language: '中文', languageLabel: 'Switch language', elderly: 'Large type', elderlyOff: 'Standard type',
    menu: 'Menu', closeMenu: 'Close menu',
  },
  nav: {
    home: 'Home', cases: 'Cases', agency: 'Village agency', agencyPerformance: 'Agent performance', agencySettings: 'Agency time limits', catalog: 'Item catalog', orgs: 'Organisations', departments: 'Departments', windows: 'Windows', staff: 'Staff', calendar: 'Working-day calendar', audit: 'Audit log',
    password: 'Change password', logout: 'Sign out',
  },
  login: {
    title: 'Staff sign-in', username: 'User name', password: 'Password', submit: 'Sign in', usernameRequired: 'Enter your user name', passwordRequired: 'Enter your password',
    footer: 'County, township and village service network',
  },
  roles: { county_admin: 'County admin', director: 'Center director', window_staff: 'Window staff', reviewer: 'Department reviewer', agent: 'Village agent', supervisor: 'Supervisor', system: 'System' },
  kinds: { county: 'County', township: 'Township', village: 'Village' },
  categories: {
    party_gov: 'Party & government', stability: 'Stability', civil_affairs_hr: 'Civil affairs & HR', medical_insurance: 'Medical insurance',
    health: 'Health', land_planning: 'Land & planning', general: 'General services', local: 'Other (local)',
  },
  common: {
    add: 'Add', edit: 'Edit', save: 'Save', cancel: 'Cancel', confirm: 'OK', search: 'Search', actions: 'Actions', status: 'Status', more: 'More',
    active: 'Active', inactive: 'Inactive', disabled: 'Disabled', locked: 'Locked', org: 'Organisation', name: 'Name', phone: 'Phone', address: 'Address',
    code: 'Division code', kind: 'Level', officeHours: 'Office hours', ethnic: 'Ethnic township', yes: 'Yes', no: 'No', saved: 'Saved', conflict: 'Someone else changed this; reload and try again',
    loading: 'Loading…', empty: 'No data', refresh: 'Reload', readOnly: 'Read only',
  },
  validation: {
    code12: 'The division code has 12 digits',
    codeUnder: 'The code must start with the parent’s code {prefix}',
    name: 'The name has {min}–{max} characters',
    phone: 'Phone: an 11-digit mobile number, or area code-number (e.g. 0776-7212345)',
    hours: 'Office hours like 08:30-12:00,15:00-18:00, each range starting before it ends',
    username: 'User name: 3–32 characters, starting with a lower-case letter; lower-case letters, digits and _ . -',
    personName: 'The name has 2–30 characters',
    password: 'At least 8 characters from 3 of: upper case, lower case, digits, symbols',
    orgRequired: 'Choose the organisation',
    roleRequired: 'Choose the role',
    windowNumber: 'Enter the window number (up to 10 characters)',
    windowDepartments: 'A window serves at least one department',
    currentRequired: 'Enter your current password',
    sameAsCurrent: 'The new password must differ from the current one',
  },
  fields: {
    name: 'Name', code: 'Division code', phone: 'Phone', address: 'Address', officeHours: 'Office hours', isEthnic: 'Ethnic township', parentId: 'Parent', kind: 'Level',
    username: 'User name', password: 'Password', newPassword: 'New password', currentPassword: 'Current password', role: 'Role', orgId: 'Organisation',
    departmentId: 'Department', windowId: 'Window', number: 'Window number', departmentIds: 'Departments served', category: 'Category', sort: 'Order', status: 'Status', version: 'Version', q: 'Search',
  },
  home: {
    welcome: 'Hello, {name}', org: 'Organisation', role: 'Role', orgKind: 'Level', quick: 'Shortcuts',
    intro: 'Start from one of these, or use the menu.',
    noShortcuts: 'Your account can only see this page for now. Ask your center director or the county administrator for more.',
  },
  orgs: {
    addChild: 'Add below', newTownship: 'New township', newVillage: 'New village', codeRule: '12-digit division code', hoursHint: 'e.g. 08:30-12:00,15:00-18:00',
    readOnlyHint: 'Organisations are kept by the county administrator; you can view them.', parent: 'Parent',
  },
  departments: { title: 'Departments', category: 'Category', sort: 'Order', orgHint: 'Organisation' },
  windows: { title: 'Windows', number: 'Number', serves: 'Departments served', noDepartments: 'This organisation has no departments yet; add them under Departments first.' },
  staff: {
    title: 'Staff', personName: 'Name', username: 'User name', role: 'Role', department: 'Department', window: 'Window', initialPassword: 'Initial password',
    passwordHint: 'At least 8 characters from 3 of: upper case, lower case, digits, symbols', resetPassword: 'Reset password', disable: 'Disable', enable: 'Enable', unlock: 'Unlock',
    confirmDisable: '{name} is signed out at once and cannot sign in again. Disable?', confirmEnable: 'Enable the account of {name}?',
    confirmUnlock: 'The account of {name} is locked after wrong passwords. Unlock it?', confirmReset: 'Set a new password for {name}; they must change it at their next sign-in.',
    newPassword: 'New password', searchHint: 'Name or user name', phoneKeep: 'Leave empty to keep (the list shows it masked)', passwordReset: 'Password reset', self: 'You',
    count: '{n} people',
  },
  audit: {
    title: 'Audit log', seq: 'No.', time: 'Time (Beijing)', actor: 'Actor', role: 'Role', action: 'Action', target: 'Target', summary: 'Summary', ip: 'Client address',
    verify: 'Verify chain', ok: 'Chain intact: {n} records checked', broken: 'Chain broken at record {seq}: {reason}', loadMore: 'Load older records', noMore: 'No older records',
    actions: {
      auth: { login: 'Signed in', logout: 'Signed out', login_failed: 'Sign-in failed', locked: 'Account locked', password_changed: 'Password changed' },
      org: { create: 'Organisation created', update: 'Organisation changed' },
      department: { create: 'Department created', update: 'Department changed' },
      window: { create: 'Window created', update: 'Window changed' },
      staff: { create: 'Staff added', update: 'Staff changed', disable: 'Account disabled', enable: 'Account enabled', unlock: 'Account unlocked', reset_password: 'Password reset', reveal_phone: 'Full phone viewed', set_backup: 'Backup set', mark_absent: 'Absence recorded', mark_returned: 'Back at work', cancel_absence: 'Absence cancelled' },
      calendar: { override: { create: 'Local calendar day added', remove: 'Local calendar day removed' }, national_year: { enter: 'National holidays entered' } },
      file: { upload: 'File uploaded' },
      supervision: { deem_accepted: 'Deemed accepted (system)', warning: 'Warning or card (system)', step_deemed_passed: 'Step passed on timeout (system)', step_warning: 'Step warning (system)', step_opinion_late: 'Written opinion late (system)', step_cancelled: 'Step ended with its case (system)' },
      system: { seed_demo: 'Demo data loaded' },
      case: 'Case: {act}',
      agency: {
        device: 'Register agent device', register: 'Register agency request', forward: 'Forward agency request', receive: 'Receive agency request',
        return: 'Return result to village', notify: 'Notify applicant', sign: 'Applicant signed', 'collect-fee': 'Fee collected by agent',
        reassign: 'Reassign agent', decline: 'Declined request', consultation: 'Consultation', coverage: 'Assign villages to agent', 'leg-limits': 'Set agency leg limits',
      },
    },
    targets: { staff: 'Staff', org: 'Organisation', department: 'Department', window: 'Window', case: 'Case', file: 'File', calendar_override: 'Calendar day', calendar_national_year: 'National holidays', agency_request: 'Agency request', agency_device: 'Agent device', agency_decline: 'Declined request', agency_consultation: 'Consultation' },
    keys: {
      username: 'User', role: 'Role', name: 'Name', code: 'Code', kind: 'Level', changed: 'Changed', fromVersion: 'From version', number: 'Number', reason: 'Reason',
      failedAttempts: 'Failures', lockedUntil: 'Locked until', caseNo: 'Case no.', from: 'From', to: 'To', itemCode: 'Item', channel: 'Channel', requestNo: 'Request no.', prefix: 'Device prefix', villageIds: 'Villages', itemName: 'Item',
      orgs: 'Organisations', staff: 'Staff', mediaType: 'Type', size: 'Size', sha256: 'Digest', category: 'Category', date: 'Date', year: 'Year',
    },
  },
  password: {
    title: 'Change password', current: 'Current password', next: 'New password', repeat: 'Repeat new password', mismatch: 'The new passwords differ', done: 'Password changed',
    mustChange: 'Change your password before you start (first sign-in or after a reset).',
  },
};
