/** The console's words in Chinese (the first language). Page-specific sets are merged in by their pages. */
export const zhCN = {
  app: {
    name: '一站', subtitle: '便民服务工作台', language: 'English', languageLabel: '切换语言', elderly: '长辈模式', elderlyOff: '标准模式',
    menu: '菜单', closeMenu: '关闭菜单',
  },
  nav: {
    home: '首页', cases: '办件', agency: '代办件', agencyPerformance: '代办员绩效', agencySettings: '代办时限', catalog: '事项目录', orgs: '组织机构', departments: '部门站所', windows: '窗口', staff: '工作人员', calendar: '工作日历', audit: '审计日志',
    password: '修改密码', logout: '退出登录',
  },
  login: {
    title: '工作人员登录', username: '用户名', password: '密码', submit: '登录', usernameRequired: '请输入用户名', passwordRequired: '请输入密码',
    footer: '县、乡镇、村三级便民服务网络',
  },
  roles: { county_admin: '县中心管理员', director: '中心主任', window_staff: '窗口工作人员', reviewer: '站所审核人', agent: '村代办员', supervisor: '电子监察', system: '系统' },
  kinds: { county: '县', township: '乡镇', village: '村' },
  categories: {
    party_gov: '党政服务', stability: '综治维稳', civil_affairs_hr: '民政人社', medical_insurance: '新农合/医保',
    health: '人口计生/卫健', land_planning: '国土村规', general: '综合服务', local: '其他（本地）',
  },
  common: {
    add: '新增', edit: '编辑', save: '保存', cancel: '取消', confirm: '确定', search: '搜索', actions: '操作', status: '状态', more: '更多',
    active: '正常', inactive: '停用', disabled: '停用', locked: '已锁定', org: '所属机构', name: '名称', phone: '电话', address: '地址',
    code: '区划代码', kind: '级别', officeHours: '办公时间', ethnic: '民族乡', yes: '是', no: '否', saved: '已保存', conflict: '数据已被他人修改，请刷新后重试',
    loading: '加载中…', empty: '暂无数据', refresh: '刷新', readOnly: '只读',
  },
  validation: {
    code12: '区划代码应为 12 位数字',
    codeUnder: '区划代码应以上级的代码 {prefix} 开头',
    name: '名称应为 {min}–{max} 个字',
    phone: '电话格式不正确：手机号 11 位，或 区号-号码（如 0776-7212345）',
    hours: '办公时间格式如 08:30-12:00,15:00-18:00，且每段开始早于结束',
    username: '用户名 3–32 位，以小写字母开头，可含小写字母、数字和 _ . -',
    personName: '姓名应为 2–30 个字',
    password: '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少三类',
    orgRequired: '请选择所属机构',
    roleRequired: '请选择角色',
    windowNumber: '请填写窗口号（最多 10 个字符）',
    windowDepartments: '窗口至少服务一个部门',
    currentRequired: '请输入当前密码',
    sameAsCurrent: '新密码不能与当前密码相同',
  },
  /** Field names the server may name in a refusal (`errors[].path`). */
  fields: {
    name: '名称', code: '区划代码', phone: '电话', address: '地址', officeHours: '办公时间', isEthnic: '民族乡', parentId: '上级机构', kind: '级别',
    username: '用户名', password: '密码', newPassword: '新密码', currentPassword: '当前密码', role: '角色', orgId: '所属机构',
    departmentId: '部门', windowId: '窗口', number: '窗口号', departmentIds: '服务部门', category: '类别', sort: '排序', status: '状态', version: '版本', q: '搜索',
  },
  home: {
    welcome: '您好，{name}', org: '所在机构', role: '角色', orgKind: '机构级别', quick: '常用功能',
    intro: '请从下列功能开始工作，或使用菜单。',
    noShortcuts: '您的账户目前只能查看本页。如需更多功能，请联系中心主任或县中心管理员。',
  },
  orgs: {
    addChild: '新增下级', newTownship: '新建乡镇', newVillage: '新建村', codeRule: '12 位统计用区划代码', hoursHint: '如 08:30-12:00,15:00-18:00',
    readOnlyHint: '组织机构由县中心管理员维护，您可以查看。', parent: '上级机构',
  },
  departments: { title: '部门站所', category: '类别', sort: '排序', orgHint: '选择机构' },
  windows: { title: '窗口', number: '窗口号', serves: '服务部门', noDepartments: '该机构还没有部门站所，请先在“部门站所”中添加。' },
  staff: {
    title: '工作人员', personName: '姓名', username: '用户名', role: '角色', department: '部门', window: '窗口', initialPassword: '初始密码',
    passwordHint: '至少8位，包含大写字母、小写字母、数字、符号中的至少三类', resetPassword: '重置密码', disable: '停用', enable: '启用', unlock: '解锁',
    confirmDisable: '停用后 {name} 将立即退出登录且不能再登录，确定停用？', confirmEnable: '确定启用 {name} 的账户？',
    confirmUnlock: '{name} 的账户因多次输错密码已被锁定，确定解锁？', confirmReset: '将为 {name} 设置新密码，对方下次登录须再修改密码。',
    newPassword: '新密码', searchHint: '姓名或用户名', phoneKeep: '留空则不修改（列表中的号码已脱敏）', passwordReset: '密码已重置', self: '本人',
    count: '共 {n} 人',
  },
  audit: {
    title: '审计日志', seq: '序号', time: '时间（北京时间）', actor: '操作人', role: '角色', action: '操作', target: '对象', summary: '摘要', ip: '客户端地址',
    verify: '校验审计链', ok: '审计链完整，共校验 {n} 条记录', broken: '审计链在第 {seq} 条记录处断裂：{reason}', loadMore: '加载更早的记录', noMore: '没有更早的记录了',
    actions: {
      auth: { login: '登录', logout: '退出登录', login_failed: '登录失败', locked: '账户锁定', password_changed: '修改密码' },
      org: { create: '新建机构', update: '修改机构' },
      department: { create: '新建部门站所', update: '修改部门站所' },
      window: { create: '新建窗口', update: '修改窗口' },
      staff: { create: '新增工作人员', update: '修改工作人员', disable: '停用账户', enable: '启用账户', unlock: '解锁账户', reset_password: '重置密码', reveal_phone: '查看完整电话', set_backup: '设置B岗', mark_absent: '登记离岗', mark_returned: '登记返岗', cancel_absence: '取消离岗' },
      calendar: { override: { create: '添加本地日历设置', remove: '删除本地日历设置' }, national_year: { enter: '录入全国节假日' } },
      file: { upload: '上传文件' },
      supervision: { deem_accepted: '视为受理（系统）', warning: '预警或亮牌（系统）', step_deemed_passed: '步骤超时默认同意（系统）', step_warning: '步骤预警（系统）', step_opinion_late: '书面意见逾期（系统）', step_cancelled: '步骤随办件结束（系统）' },
      system: { seed_demo: '载入演示数据' },
      case: '办件：{act}',
      agency: {
        device: '登记代办设备', register: '代办登记', forward: '代办件报送', receive: '接收代办件', return: '代办件返还到村', notify: '告知申请人',
        sign: '申请人签收', 'collect-fee': '代收费用', reassign: '改派代办员', decline: '不能代办登记', consultation: '咨询登记',
        coverage: '指派代办员负责的村', 'leg-limits': '设置代办时限',
      },
    },
    targets: { staff: '工作人员', org: '机构', department: '部门站所', window: '窗口', case: '办件', file: '文件', calendar_override: '日历设置', calendar_national_year: '全国节假日', agency_request: '代办件', agency_device: '代办设备', agency_decline: '不能代办登记', agency_consultation: '咨询登记' },
    keys: {
      username: '用户名', role: '角色', name: '名称', code: '代码', kind: '级别', changed: '修改了', fromVersion: '原版本', number: '窗口号', reason: '原因',
      failedAttempts: '失败次数', lockedUntil: '锁定至', caseNo: '办件编号', from: '原状态', to: '新状态', itemCode: '事项编码', channel: '渠道', requestNo: '代办编号', prefix: '设备前缀', villageIds: '负责的村', itemName: '事项',
      orgs: '机构数', staff: '人员数', mediaType: '类型', size: '大小', sha256: '摘要', category: '类别', date: '日期', year: '年份',
    },
  },
  password: {
    title: '修改密码', current: '当前密码', next: '新密码', repeat: '再次输入新密码', mismatch: '两次输入的新密码不一致', done: '密码已修改',
    mustChange: '首次登录或密码被重置后，请先修改密码再开始工作。',
  },
};

export type ConsoleMessages = typeof zhCN;
