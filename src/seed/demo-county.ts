import type { Role } from '../kernel/context.ts';
import type { DepartmentCategory, OfficeHours } from '../modules/org/index.ts';

/**
 * The demo county: 广西百色市田林县 with three township centers (one of them a Yao ethnic township)
 * and their villages. Names follow the real county; village codes and people are illustrative.
 */
export interface DemoOrg {
  code: string;
  name: string;
  address: string;
  phone: string;
  isEthnic?: boolean;
  villages?: DemoOrg[];
}

export const STANDARD_HOURS: OfficeHours[] = [
  { from: '08:30', to: '12:00' },
  { from: '15:00', to: '18:00' },
];

export const DEMO_COUNTY: DemoOrg = {
  code: '451029000000',
  name: '田林县行政服务中心',
  address: '广西百色市田林县乐里镇新昌路 8 号',
  phone: '0776-7212345',
};

export const DEMO_TOWNSHIPS: DemoOrg[] = [
  {
    code: '451029100000',
    name: '乐里镇便民服务中心',
    address: '田林县乐里镇平安街 12 号',
    phone: '0776-7211001',
    villages: [
      { code: '451029100201', name: '弄瓦村便民服务站', address: '乐里镇弄瓦村委会', phone: '13907761201' },
      { code: '451029100202', name: '百达村便民服务站', address: '乐里镇百达村委会', phone: '13907761202' },
      { code: '451029100203', name: '新平村便民服务站', address: '乐里镇新平村委会', phone: '13907761203' },
      { code: '451029100204', name: '那塘村便民服务站', address: '乐里镇那塘村委会', phone: '13907761204' },
    ],
  },
  {
    code: '451029101000',
    name: '旧州镇便民服务中心',
    address: '田林县旧州镇旧州街 3 号',
    phone: '0776-7252002',
    villages: [
      { code: '451029101201', name: '旧州村便民服务站', address: '旧州镇旧州村委会', phone: '13907762201' },
      { code: '451029101202', name: '那腊村便民服务站', address: '旧州镇那腊村委会', phone: '13907762202' },
      { code: '451029101203', name: '央村便民服务站', address: '旧州镇央村村委会', phone: '13907762203' },
    ],
  },
  {
    code: '451029201000',
    name: '潞城瑶族乡便民服务中心',
    address: '田林县潞城瑶族乡潞城街 1 号',
    phone: '0776-7283003',
    isEthnic: true,
    villages: [
      { code: '451029201201', name: '潞城村便民服务站', address: '潞城瑶族乡潞城村委会', phone: '13907763201' },
      { code: '451029201202', name: '那宁村便民服务站', address: '潞城瑶族乡那宁村委会', phone: '13907763202' },
      { code: '451029201203', name: '平山村便民服务站', address: '潞城瑶族乡平山村委会', phone: '13907763203' },
      { code: '451029201204', name: '陇怀村便民服务站', address: '潞城瑶族乡陇怀村委会', phone: '13907763204' },
      { code: '451029201205', name: '弄团村便民服务站', address: '潞城瑶族乡弄团村委会', phone: '13907763205' },
    ],
  },
];

/** "7+X": the seven standard stations of a township center, plus a local one. */
export const DEMO_DEPARTMENTS: { name: string; category: DepartmentCategory }[] = [
  { name: '党政服务站', category: 'party_gov' },
  { name: '综治维稳站', category: 'stability' },
  { name: '民政人社站', category: 'civil_affairs_hr' },
  { name: '医疗保障站', category: 'medical_insurance' },
  { name: '卫生健康站', category: 'health' },
  { name: '国土村规站', category: 'land_planning' },
  { name: '综合服务站', category: 'general' },
  { name: '农业农村服务站', category: 'local' },
];

/** Windows and the stations they serve (by department name). */
export const DEMO_WINDOWS: { number: string; name: string; departments: string[] }[] = [
  { number: '1', name: '综合受理窗口', departments: ['综合服务站', '党政服务站'] },
  { number: '2', name: '民政人社窗口', departments: ['民政人社站'] },
  { number: '3', name: '医保卫健窗口', departments: ['医疗保障站', '卫生健康站'] },
  { number: '4', name: '国土村规窗口', departments: ['国土村规站', '农业农村服务站'] },
  { number: '5', name: '综治维稳窗口', departments: ['综治维稳站'] },
];

export interface DemoStaff {
  username: string;
  name: string;
  role: Role;
  /** Org code. */
  org: string;
  phone: string;
  department?: string;
  window?: string;
  /** AB岗: the username of the colleague who covers this person's cases while they are away. */
  backup?: string;
  /** 代办员: villages covered beside their own. */
  covers?: string[];
}

export const DEMO_STAFF: DemoStaff[] = [
  { username: 'admin', name: '黄建国', role: 'county_admin', org: '451029000000', phone: '13907760001' },
  { username: 'supervisor', name: '罗秀英', role: 'supervisor', org: '451029000000', phone: '13907760002' },
  {
    username: 'county1',
    name: '韦志强',
    role: 'window_staff',
    org: '451029000000',
    phone: '13907760003',
    department: '综合服务站',
    window: '1',
  },
  { username: 'director1', name: '李春燕', role: 'director', org: '451029100000', phone: '13907761001' },
  {
    username: 'window1',
    name: '王小梅',
    role: 'window_staff',
    org: '451029100000',
    phone: '13907761002',
    department: '综合服务站',
    window: '1',
    backup: 'window1b',
  },
  {
    username: 'window1b',
    name: '陆海波',
    role: 'window_staff',
    org: '451029100000',
    phone: '13907761003',
    department: '民政人社站',
    window: '2',
    backup: 'window1',
  },
  { username: 'reviewer1', name: '农家宝', role: 'reviewer', org: '451029100000', phone: '13907761004', department: '国土村规站' },
  { username: 'agent1', name: '岑福全', role: 'agent', org: '451029100201', phone: '13907761201', covers: ['451029100203'] },
  { username: 'agent1b', name: '黄月兰', role: 'agent', org: '451029100202', phone: '13907761202', covers: ['451029100204'] },
  { username: 'director2', name: '覃永明', role: 'director', org: '451029101000', phone: '13907762001' },
  {
    username: 'window2',
    name: '杨丽华',
    role: 'window_staff',
    org: '451029101000',
    phone: '13907762002',
    department: '综合服务站',
    window: '1',
  },
  { username: 'agent2', name: '梁德才', role: 'agent', org: '451029101201', phone: '13907762201' },
  { username: 'director3', name: '盘金凤', role: 'director', org: '451029201000', phone: '13907763001' },
  {
    username: 'window3',
    name: '赵有财',
    role: 'window_staff',
    org: '451029201000',
    phone: '13907763002',
    department: '综合服务站',
    window: '1',
  },
  { username: 'agent3', name: '邓桂花', role: 'agent', org: '451029201201', phone: '13907763201' },
];
