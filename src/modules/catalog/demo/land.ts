import type { ItemContentInput } from '../schemas.ts';
import { copy, demo, HUKOU, ID_CARD, mat, steps } from './build.ts';

const GT = { department: '国土村规站', window: '4 号国土村规窗口' };
const NY = { department: '农业农村服务站', window: '4 号国土村规窗口' };
const HOMESTEAD_BASIS = [
  '《中华人民共和国土地管理法》第六十二条',
  '《中华人民共和国城乡规划法》第四十一条',
  '《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》（农经发〔2019〕6 号）',
];

/** 国土村规、农业农村: the house-building chain and farm subsidies. */
export const LAND_ITEMS: ItemContentInput[] = [
  demo({
    ...GT, code: 'ZJD-001', name: '农村村民宅基地和建房（规划许可）审批', itemType: '行政许可', handling: 'joint', legalDays: 20, promisedDays: 15,
    basis: HOMESTEAD_BASIS,
    conditions: ['本集体经济组织成员，以户为单位，一户只能拥有一处宅基地', '符合国土空间规划、村庄规划和用途管制要求', '不占用永久基本农田，尽量使用原有宅基地和村内空闲地', '面积不超过自治区规定标准'],
    procedure: steps(
      ['村民申请、村民小组讨论', '村民小组', 2],
      ['村级审查并公示', '村集体经济组织或村民委员会', 3],
      ['受理并联审', '乡镇国土村规站、农业农村服务站', 2],
      ['现场踏勘', '乡镇国土村规站、农业农村服务站', 3],
      ['审批并核发《农村宅基地批准书》《乡村建设规划许可证》', '乡镇人民政府', 5],
    ),
    specialSteps: [
      { name: '村级公示', days: 5, basis: '农经发〔2019〕6 号 第二条', fee: '', countsInLimit: false },
      { name: '现场踏勘（选址、开工查验）', days: 3, basis: '农经发〔2019〕6 号 第三条', fee: '', countsInLimit: true },
    ],
    situations: [{ id: 'rebuild', name: '原址翻建' }, { id: 'newsite', name: '新选址建房' }],
    materials: [
      mat('农村宅基地和建房（规划许可）申请表', { notes: '可在窗口领取空白表或下载填写样表' }),
      ID_CARD,
      HUKOU,
      mat('农村宅基地使用承诺书', { notes: '一户一宅、建新拆旧承诺' }),
      mat('村民小组会议记录及村级公示材料', { notes: '由村委会出具' }),
      copy('建房设计图或选用的通用图', { optional: true, notes: '三层以下可选用县统一通用图' }),
      copy('原宅基地使用权证明', { situations: ['rebuild'], pendingAllowed: true }),
      copy('拟用地四至及相邻权利人意见', { situations: ['newsite'] }),
    ],
    delivery: ['window', 'agent'], lifeEvents: ['农村建房'], keywords: ['建房', '起房子', '批地'],
  }),
  demo({
    ...GT, code: 'XCGH-001', name: '乡村建设规划许可证核发', itemType: '行政许可', handling: 'promised', legalDays: 20, promisedDays: 10,
    basis: ['《中华人民共和国城乡规划法》第四十一条', '《广西壮族自治区乡村规划建设管理条例》'],
    conditions: ['在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设', '符合村庄规划'],
    procedure: steps(['受理', '乡镇国土村规站', 1], ['审查及现场踏勘', '乡镇国土村规站', 6], ['核发许可证', '乡镇人民政府', 3]),
    materials: [mat('乡村建设规划许可申请表'), ID_CARD, copy('建设用地权属证明'), copy('建设工程设计方案')],
    audience: ['personal', 'legal'], lifeEvents: ['农村建房'], keywords: ['规划证'],
  }),
  demo({
    ...GT, code: 'KGCY-001', name: '农村建房开工查验（放线）', itemType: '公共服务', handling: 'promised', legalDays: 5, promisedDays: 3, maxVisits: 0,
    basis: ['农经发〔2019〕6 号 第三条（建立农村宅基地和建房“三到场”制度）'],
    conditions: ['已取得《农村宅基地批准书》和《乡村建设规划许可证》'],
    procedure: steps(['预约', '村代办员', 1], ['现场放线查验', '乡镇国土村规站', 2]),
    materials: [copy('农村宅基地批准书'), copy('乡村建设规划许可证')],
    lifeEvents: ['农村建房'], keywords: ['放线', '三到场'],
  }),
  demo({
    ...GT, code: 'JGYS-001', name: '农村村民住宅竣工验收', itemType: '其他行政权力', handling: 'promised', legalDays: 10, promisedDays: 5, maxVisits: 0,
    basis: ['农经发〔2019〕6 号 第三条', '《广西壮族自治区乡村规划建设管理条例》'],
    conditions: ['住宅已按批准的位置、面积、层数建成'],
    procedure: steps(['申请', '村代办员', 1], ['现场验收', '乡镇国土村规站、农业农村服务站', 3], ['出具验收意见', '乡镇人民政府', 1]),
    materials: [mat('农村宅基地和建房（规划许可）验收意见表'), copy('农村宅基地批准书'), copy('乡村建设规划许可证')],
    lifeEvents: ['农村建房'], keywords: ['验收'],
  }),
  demo({
    ...GT, code: 'BDCDJ-001', name: '农村宅基地使用权及房屋所有权首次登记（上报）', itemType: '行政确认', handling: 'escalated', handledAt: 'county', legalDays: 30, promisedDays: 10,
    basis: ['《不动产登记暂行条例》第二十条', '《不动产登记暂行条例实施细则》'],
    conditions: ['已取得宅基地批准书和竣工验收意见'],
    procedure: steps(['受理并上报', '乡镇国土村规站', 2], ['审核登簿', '县不动产登记中心', 7], ['证书返还', '村代办员', 1]),
    materials: [mat('不动产登记申请书'), ID_CARD, HUKOU, copy('农村宅基地批准书'), copy('竣工验收意见表'), mat('不动产权籍调查成果')],
    fees: [{ name: '不动产登记费（住宅类）', amount: 80, basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559 号）' }],
    delivery: ['window', 'post', 'agent'], lifeEvents: ['农村建房'], keywords: ['房产证', '不动产证'],
  }),
  demo({
    ...GT, code: 'TDZY-001', name: '土地权属争议调处', itemType: '行政裁决', handling: 'promised', legalDays: 90, promisedDays: 60, dayKind: 'calendar', agentable: false,
    basis: ['《中华人民共和国土地管理法》第十四条', '《土地权属争议调查处理办法》（国土资源部令第 17 号）'],
    conditions: ['个人之间、个人与单位之间的土地所有权和使用权争议'],
    procedure: steps(['受理', '乡镇国土村规站', 5], ['调查取证', '乡镇国土村规站', 30], ['调解或提出处理意见', '乡镇人民政府', 25]),
    materials: [mat('土地权属争议调处申请书'), ID_CARD, copy('权属来源证明材料'), copy('争议地界示意图', { optional: true })],
    keywords: ['地界纠纷', '土地纠纷'],
  }),
  demo({
    ...NY, code: 'GDBT-001', name: '耕地地力保护补贴', itemType: '行政给付', handling: 'promised', legalDays: 30, promisedDays: 20,
    basis: ['《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》（财农〔2016〕26 号）'],
    conditions: ['拥有耕地承包权的种地农民', '已改为畜牧养殖场、林地、设施农业用地或长年抛荒的耕地不予补贴'],
    procedure: steps(['申报面积', '村委会', 5], ['审核公示', '乡镇农业农村服务站', 10], ['审定发放', '县农业农村局、县财政局', 5]),
    specialSteps: [{ name: '村级公示', days: 7, basis: '财农〔2016〕26 号', fee: '', countsInLimit: false }],
    materials: [ID_CARD, copy('土地承包经营权证'), copy('“一卡通”银行账户')],
    keywords: ['种粮补贴', '地力补贴'],
  }),
  demo({
    ...NY, code: 'LMCF-001', name: '林木采伐许可', itemType: '行政许可', handling: 'promised', legalDays: 20, promisedDays: 5,
    basis: ['《中华人民共和国森林法》第五十六条', '《中华人民共和国森林法实施条例》第三十二条', '《广西壮族自治区林木采伐管理办法》'],
    conditions: ['采伐的林木权属清楚', '采伐作业设计符合森林采伐限额和技术规程', '农村居民采伐自留地和房前屋后个人所有的零星林木不需申请'],
    procedure: steps(['受理', '乡镇农业农村服务站（林业站）', 1], ['伐区调查设计审核', '乡镇林业站', 3], ['核发林木采伐许可证', '乡镇人民政府（受县林业局委托）', 1]),
    specialSteps: [{ name: '伐区现场查验', days: 3, basis: '《森林法实施条例》第三十二条', fee: '', countsInLimit: true }],
    materials: [mat('林木采伐申请表'), ID_CARD, copy('林权证或不动产权证书'), mat('伐区调查设计或采伐作业说明')],
    audience: ['personal', 'legal'], online: true, keywords: ['砍树', '采伐证'],
  }),
  demo({
    ...NY, code: 'NJBT-001', name: '农机购置与应用补贴申请', itemType: '行政给付', handling: 'escalated', handledAt: 'county', legalDays: 30, promisedDays: 15,
    basis: ['《农业机械化促进法》第二十七条', '《农业农村部办公厅 财政部办公厅关于印发〈2024—2026 年农机购置与应用补贴实施意见〉的通知》'],
    conditions: ['从事农业生产的个人和农业生产经营组织', '购买补贴范围内的农机具'],
    procedure: steps(['受理并上报', '乡镇农业农村服务站', 2], ['核验机具', '县农业机械化服务中心', 8], ['兑付', '县财政局', 5]),
    materials: [mat('农机购置补贴申请表'), ID_CARD, copy('购机发票'), mat('人机合影照片'), copy('银行账户')],
    audience: ['personal', 'legal'], online: true, keywords: ['农机补贴'],
  }),
  demo({
    ...NY, code: 'DWJY-001', name: '动物产地检疫', itemType: '行政确认', handling: 'promised', legalDays: 1, promisedDays: 1, agentable: false,
    basis: ['《中华人民共和国动物防疫法》第四十九条', '《动物检疫管理办法》（农业农村部令 2022 年第 7 号）'],
    conditions: ['出售或运输动物前按规定提前申报检疫'],
    procedure: steps(['申报受理', '乡镇畜牧兽医站', 0], ['现场检疫并出具检疫证明', '官方兽医', 1]),
    materials: [mat('检疫申报单'), copy('养殖档案或免疫记录')],
    audience: ['personal', 'legal'], keywords: ['检疫证明', '卖猪'],
  }),
  demo({
    ...NY, code: 'TDCB-001', name: '农村土地承包经营权流转合同备案', itemType: '公共服务', handling: 'immediate', legalDays: 5, promisedDays: 0,
    basis: ['《中华人民共和国农村土地承包法》第三十六条', '《农村土地经营权流转管理办法》（农业农村部令 2021 年第 1 号）'],
    conditions: ['流转双方已签订书面流转合同'],
    procedure: steps(['受理并备案', '乡镇农业农村服务站', 0]),
    materials: [mat('土地经营权流转合同', { copies: 2 }), copy('流转双方居民身份证'), copy('土地承包经营权证')],
    audience: ['personal', 'legal'], keywords: ['土地流转'],
  }),
  demo({
    ...NY, code: 'TDTJ-001', name: '农村土地承包经营纠纷调解', itemType: '公共服务', handling: 'promised', legalDays: 30, promisedDays: 20, dayKind: 'calendar',
    basis: ['《中华人民共和国农村土地承包经营纠纷调解仲裁法》第八条'],
    conditions: ['发生农村土地承包经营纠纷的当事人自愿申请调解'],
    procedure: steps(['受理', '乡镇农业农村服务站', 3], ['组织调解', '乡镇人民政府', 17]),
    materials: [mat('调解申请书（可口头申请，由工作人员记录）'), ID_CARD, copy('相关证据材料', { optional: true })],
    keywords: ['承包纠纷'],
  }),
];
