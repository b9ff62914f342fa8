import type { ItemContentInput } from '../schemas.ts';
import { copy, demo, HUKOU, ID_CARD, mat, steps } from './build.ts';

const ZZ = { department: '综治维稳站', window: '5 号综治维稳窗口' };
const ZH = { department: '综合服务站', window: '1 号综合受理窗口' };
const DZ = { department: '党政服务站', window: '1 号综合受理窗口' };
const POLICE_BASIS = ['《中华人民共和国户口登记条例》', '《广西壮族自治区户籍管理规定》'];

/** 综治维稳、综合服务、党政服务: mediation, household registration (上报), veterans and party services. */
export const GENERAL_ITEMS: ItemContentInput[] = [
  demo({
    ...ZZ, code: 'TJ-001', name: '人民调解', itemType: '公共服务', handling: 'promised', legalDays: 30, promisedDays: 15, dayKind: 'calendar', maxVisits: 2,
    basis: ['《中华人民共和国人民调解法》第十七条、第二十八条'],
    conditions: ['民间纠纷当事人自愿申请；一方当事人明确拒绝调解的，不得调解'],
    procedure: steps(['受理登记', '乡镇人民调解委员会', 1], ['调查了解纠纷', '人民调解员', 5], ['组织调解并制作调解协议书', '人民调解委员会', 9]),
    materials: [mat('人民调解申请书（可口头申请）'), ID_CARD, copy('与纠纷有关的证据材料', { optional: true })],
    agentable: true, keywords: ['纠纷', '调解'],
  }),
  demo({
    ...ZZ, code: 'FLYZ-001', name: '法律援助申请（上报）', itemType: '公共服务', handling: 'escalated', handledAt: 'county', legalDays: 7, promisedDays: 5,
    basis: ['《中华人民共和国法律援助法》第四十三条'],
    conditions: ['经济困难且属于法律援助事项范围', '或属于无需审查经济状况的情形（如请求支付劳动报酬、工伤赔偿）'],
    procedure: steps(['受理并转交', '乡镇司法所', 1], ['审查决定', '县法律援助中心', 4]),
    materials: [mat('法律援助申请表'), ID_CARD, mat('经济困难状况说明表'), copy('与所申请事项有关的材料')],
    keywords: ['打官司', '律师'],
  }),
  demo({
    ...ZZ, code: 'XF-001', name: '信访事项受理', itemType: '其他行政权力', handling: 'reply', legalDays: 15, promisedDays: 15, dayKind: 'calendar', maxVisits: 1,
    basis: ['《信访工作条例》第二十四条'],
    conditions: ['对乡镇人民政府及其工作人员的职务行为提出建议、意见或投诉请求'],
    procedure: steps(['登记', '乡镇综治维稳站', 1], ['分类处理并书面告知是否受理', '乡镇人民政府', 14]),
    materials: [mat('信访事项登记表（可口头反映）'), copy('居民身份证', { optional: true })],
    delivery: ['window', 'post'], keywords: ['上访', '投诉'],
  }),
  demo({
    ...ZH, code: 'HKQY-001', name: '户口迁移（上报）', itemType: '行政确认', handling: 'escalated', handledAt: 'county', legalDays: 20, promisedDays: 10,
    basis: POLICE_BASIS,
    conditions: ['符合户口迁入地落户条件，如投靠亲属、婚姻迁入、购房落户等'],
    procedure: steps(['受理并上报', '乡镇综合服务站', 1], ['审核办理', '派出所、县公安局户政大队', 8], ['返还户口簿', '村代办员', 1]),
    situations: [{ id: 'marriage', name: '婚姻迁入' }, { id: 'relative', name: '投靠亲属' }],
    materials: [mat('户口迁移申请表'), ID_CARD, HUKOU, copy('结婚证', { situations: ['marriage'] }), copy('亲属关系证明', { situations: ['relative'], commitmentAllowed: true })],
    lifeEvents: ['出生'], keywords: ['迁户口', '落户'],
  }),
  demo({
    ...ZH, code: 'HKCS-001', name: '出生登记（上报）', itemType: '行政确认', handling: 'escalated', handledAt: 'county', legalDays: 5, promisedDays: 3,
    basis: POLICE_BASIS,
    conditions: ['婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居申报出生登记'],
    procedure: steps(['受理并上报', '乡镇综合服务站', 1], ['登记', '派出所', 1], ['返还户口簿', '村代办员', 1]),
    materials: [mat('出生医学证明'), copy('父母双方居民身份证'), HUKOU, copy('结婚证', { optional: true })],
    lifeEvents: ['出生'], keywords: ['上户口', '报户口', '新生儿'],
  }),
  demo({
    ...ZH, code: 'SFZ-001', name: '居民身份证申领（代收上报）', itemType: '行政确认', handling: 'escalated', handledAt: 'county', legalDays: 60, promisedDays: 30, dayKind: 'calendar',
    basis: ['《中华人民共和国居民身份证法》第十条'],
    conditions: ['本县户籍公民，首次申领、到期换领或损坏、丢失补领'],
    procedure: steps(['采集信息并上报', '乡镇综合服务站', 1], ['制证', '县公安局', 25], ['证件返还', '村代办员', 4]),
    materials: [HUKOU, copy('原居民身份证', { optional: true })],
    fees: [{ name: '居民身份证工本费', amount: 20, basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322 号）' }],
    delivery: ['window', 'post', 'agent'], keywords: ['身份证', '办证'],
  }),
  demo({
    ...ZH, code: 'SBK-001', name: '社会保障卡申领', itemType: '公共服务', handling: 'escalated', handledAt: 'county', legalDays: 20, promisedDays: 10, online: true,
    basis: ['《社会保障卡管理办法》（人社部发〔2011〕47 号）'],
    conditions: ['参加本县社会保险的人员（含新生儿）'],
    procedure: steps(['受理并上报', '乡镇综合服务站', 1], ['制卡', '县人社局、合作银行', 8], ['发卡', '乡镇综合服务站', 1]),
    materials: [ID_CARD, mat('近期白底免冠照片（可现场拍摄）')],
    delivery: ['window', 'agent'], lifeEvents: ['出生', '退休'], keywords: ['社保卡'],
  }),
  demo({
    ...ZH, code: 'JZZ-001', name: '居住证申领（上报）', itemType: '行政确认', handling: 'escalated', handledAt: 'county', legalDays: 15, promisedDays: 10,
    basis: ['《居住证暂行条例》第九条'],
    conditions: ['离开常住户口所在地，在本县居住半年以上，有合法稳定就业、住所或连续就读'],
    procedure: steps(['受理并上报', '乡镇综合服务站', 1], ['审核制证', '县公安局', 9]),
    materials: [ID_CARD, copy('居住证明（租房合同或房产证）', { commitmentAllowed: true }), copy('就业或就读证明', { optional: true })],
    keywords: ['暂住证'],
  }),
  demo({
    ...ZH, code: 'TYJR-001', name: '退役军人优待证申领（上报）', itemType: '公共服务', handling: 'escalated', handledAt: 'county', legalDays: 30, promisedDays: 20,
    basis: ['《中华人民共和国退役军人保障法》第六十二条', '《退役军人、其他优抚对象优待证管理办法（试行）》'],
    conditions: ['户籍在本县的退役军人和其他优抚对象'],
    procedure: steps(['受理并上报', '乡镇退役军人服务站', 2], ['审核制证', '县退役军人事务局', 18]),
    materials: [mat('优待证申领表'), ID_CARD, copy('退出现役证件')],
    keywords: ['退伍军人', '优待证'],
  }),
  demo({
    ...ZH, code: 'YFBZ-001', name: '优抚对象抚恤补助金申领', itemType: '行政给付', handling: 'promised', legalDays: 30, promisedDays: 20,
    basis: ['《军人抚恤优待条例》'],
    conditions: ['在乡退役军人、烈士遗属、伤残军人等优抚对象'],
    procedure: steps(['受理', '乡镇退役军人服务站', 1], ['审核', '乡镇人民政府', 9], ['审批发放', '县退役军人事务局', 10]),
    materials: [mat('抚恤补助申请表'), ID_CARD, copy('优抚对象身份证明')],
    keywords: ['抚恤金'],
  }),
  demo({
    ...DZ, code: 'DYZZ-001', name: '党员组织关系转接', itemType: '公共服务', handling: 'immediate', legalDays: 5, promisedDays: 0, online: true,
    basis: ['《中国共产党党员教育管理工作条例》', '《中国共产党支部工作条例（试行）》'],
    conditions: ['正式党员或预备党员因工作、居住地变动需转接组织关系'],
    procedure: steps(['受理并开具介绍信', '乡镇党政服务站', 0]),
    materials: [mat('党员组织关系介绍信（转入时）', { optional: true }), ID_CARD],
    agentable: false, delivery: ['window', 'electronic'], keywords: ['党组织关系'],
  }),
  demo({
    ...DZ, code: 'CJGS-001', name: '村务公开和村级事项代办咨询', itemType: '公共服务', handling: 'reply', legalDays: 5, promisedDays: 3, maxVisits: 0,
    basis: ['《中华人民共和国村民委员会组织法》第三十条'],
    conditions: ['本乡镇村民对村务公开、村级代办事项提出咨询'],
    procedure: steps(['登记咨询', '乡镇党政服务站', 1], ['明确答复', '乡镇党政服务站', 2]),
    materials: [mat('咨询登记（可口头、电话）')],
    delivery: ['window', 'agent', 'electronic'], keywords: ['村务公开', '咨询'],
  }),
];
