import { Role } from '../modules/auth/role.js';
import { creditCodeCheckChar } from '../modules/enterprise/credit-code.js';
import { Industry } from '../modules/enterprise/industry.js';
import type { Random } from './random.js';

/** Every demo account's password (api.md). */
export const DEMO_PASSWORD = 'hazardloop';

export const TOWNSHIPS = ['湓城街道', '桂林街道', '码头镇', '白杨镇', '南义镇', '横港镇', '范镇', '夏畈镇'];

/**
 * Department n supervises enterprises e(20n-19)…e(20n) (api.md), all of the industry its name says:
 * a bureau would not believe a textile company under the coal-mine section. 工贸 (industry and trade)
 * is the catch-all `OTHER`.
 */
export const DEPARTMENTS: readonly { readonly name: string; readonly industry: Industry }[] = [
  { name: '危险化学品安全监督管理科', industry: Industry.HAZARDOUS_CHEMICALS },
  { name: '非煤矿山安全监督管理科', industry: Industry.NON_COAL_MINE },
  { name: '煤矿安全监督管理科', industry: Industry.COAL_MINE },
  { name: '烟花爆竹安全监督管理科', industry: Industry.FIREWORKS },
  { name: '工贸行业安全监督管理科', industry: Industry.OTHER },
];

const LEADERS = ['王建国', '李卫东', '张海平', '赵明华', '孙立新'];
const CHIEFS = ['周文斌', '吴晓峰', '郑国强', '冯志刚', '陈红梅'];
const INSPECTORS = ['何俊', '许丽', '邓超', '曹敏', '彭磊'];

const NAME_WORDS = [
  '宏达',
  '鑫源',
  '恒昌',
  '瑞丰',
  '华星',
  '金盛',
  '永兴',
  '广源',
  '天成',
  '富达',
  '隆盛',
  '众鑫',
  '东升',
  '新兴',
  '兴旺',
  '长江',
  '赣北',
  '湓浦',
  '凯达',
  '嘉禾',
  '诚信',
  '万通',
  '汇丰',
  '盛达',
  '荣华',
  '福源',
  '泰和',
  '安捷',
  '润田',
  '博远',
];

const SUFFIX: Record<Industry, readonly string[]> = {
  [Industry.HAZARDOUS_CHEMICALS]: ['化工有限公司', '石化有限公司', '气体有限公司', '化学品经营部'],
  [Industry.NON_COAL_MINE]: ['矿业有限公司', '石灰石矿', '采石场', '建材矿业有限公司'],
  [Industry.COAL_MINE]: ['煤矿', '煤业有限公司'],
  [Industry.FIREWORKS]: ['烟花爆竹有限公司', '花炮厂', '烟花爆竹批发部'],
  [Industry.OTHER]: [
    '机械制造有限公司',
    '建材有限公司',
    '纺织有限公司',
    '食品有限公司',
    '铜业有限公司',
    '物流有限公司',
  ],
};

export interface SeedTownship {
  id: string;
  name: string;
}
export interface SeedDepartment {
  id: string;
  number: number;
  name: string;
  leader: string;
  chief: string;
}
export interface SeedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  department?: string;
  enterprise?: string;
  createdAt: Date;
}
export interface SeedEnterprise {
  id: string;
  code: string;
  name: string;
  creditCode: string;
  industry: Industry;
  township: string;
  department: string;
  registeredAt: Date;
  lastLoginAt?: Date;
  lastFilingAt?: Date;
  keyTarget: boolean;
  address: string;
  contactName: string;
  contactPhone: string;
}

/** Safety officers' names and streets for the registry's contact columns, chosen by position, not drawn (the seed's random sequence stays as it was). */
const CONTACT_SURNAMES = [
  '陈',
  '黄',
  '刘',
  '杨',
  '胡',
  '徐',
  '朱',
  '高',
  '林',
  '何',
  '罗',
  '郭',
  '梁',
  '宋',
  '谢',
  '韩',
  '曹',
  '邓',
  '彭',
  '曾',
];
const CONTACT_GIVEN = [
  '志强',
  '海燕',
  '建华',
  '丽萍',
  '国平',
  '春生',
  '小军',
  '秀英',
  '伟',
  '金水',
  '红英',
  '德明',
  '永红',
];
const STREETS = ['工业大道', '湓城路', '赛湖大道', '黄金大道', '滨江路', '长江大道', '桂林路', '人民路'];

/** A contact person, a mobile number and an address in the enterprise's township, fixed by its number. */
function contactOf(i: number, townshipName: string): Pick<SeedEnterprise, 'address' | 'contactName' | 'contactPhone'> {
  const name = CONTACT_SURNAMES[i % CONTACT_SURNAMES.length]! + CONTACT_GIVEN[(i * 7) % CONTACT_GIVEN.length]!;
  const phone = `13${(i * 37) % 10}${String(79_200_000 + i * 4_513).padStart(8, '0')}`.slice(0, 11);
  return {
    contactName: name,
    contactPhone: phone,
    address: `江西省瑞昌市${townshipName}${STREETS[i % STREETS.length]}${((i * 13) % 400) + 1}号`,
  };
}

export interface Organisation {
  townships: SeedTownship[];
  departments: SeedDepartment[];
  users: SeedUser[];
  enterprises: SeedEnterprise[];
  /** Enterprise id → its account's user id. */
  accountOf: Map<string, string>;
  director: string;
  /** Department id → the ids of its deputy leader, section chief and inspector. */
  staffOf: Map<string, { leader: string; chief: string; inspector: string }>;
}

/** A credit code with a valid organisation code (GB 11714) inside and a valid GB 32100 check character. */
export function makeCreditCode(rng: Random, division = '360481'): string {
  const body = Array.from({ length: 8 }, () => rng.int(0, 9));
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const c9 = 11 - (body.reduce((sum, d, i) => sum + d * weights[i]!, 0) % 11);
  const orgCode = body.join('') + (c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9));
  const first17 = `91${division}${orgCode}`;
  return first17 + creditCodeCheckChar(first17)!;
}

/** The bureau, its five departments, its staff and its hundred enterprises, as api.md names them. */
export function buildOrganisation(
  rng: Random,
  opts: { registeredFrom: Date; registeredTo: Date; createdAt: Date; passwordHash: string },
): Organisation {
  const townships = TOWNSHIPS.map((name) => ({ id: rng.uuid(), name }));
  const users: SeedUser[] = [];
  const staff = (username: string, displayName: string, role: Role, department?: string): string => {
    const id = rng.uuid();
    users.push({
      id,
      username,
      displayName,
      role,
      passwordHash: opts.passwordHash,
      department,
      createdAt: opts.createdAt,
    });
    return id;
  };
  staff('admin', '系统管理员', Role.ADMIN);
  const director = staff('director', '刘志明（局长）', Role.DIRECTOR);
  staff('analyst', '数据分析员', Role.ANALYST);

  const departments: SeedDepartment[] = [];
  const staffOf = new Map<string, { leader: string; chief: string; inspector: string }>();
  DEPARTMENTS.forEach((d, i) => {
    const n = i + 1;
    const id = rng.uuid();
    const leader = staff(`leader${n}`, `${LEADERS[i]}（分管领导）`, Role.DEPUTY_LEADER);
    const chief = staff(`chief${n}`, `${CHIEFS[i]}（科长）`, Role.SECTION_CHIEF, id);
    const inspector = staff(`inspector${n}`, `${INSPECTORS[i]}（科员）`, Role.INSPECTOR, id);
    departments.push({ id, number: n, name: d.name, leader, chief });
    staffOf.set(id, { leader, chief, inspector });
  });

  const enterprises: SeedEnterprise[] = [];
  const accountOf = new Map<string, string>();
  const usedNames = new Set<string>();
  for (let i = 1; i <= 100; i++) {
    const department = departments[Math.ceil(i / 20) - 1]!;
    const industry = DEPARTMENTS[department.number - 1]!.industry;
    const township = townships[(i * 3 + Math.floor(i / 7)) % townships.length]!;
    let name: string;
    do {
      name = `瑞昌市${rng.pick(NAME_WORDS)}${rng.pick(SUFFIX[industry])}`;
    } while (usedNames.has(name));
    usedNames.add(name);
    const code = `e${String(i).padStart(3, '0')}`;
    const span = opts.registeredTo.getTime() - opts.registeredFrom.getTime();
    const enterprise: SeedEnterprise = {
      id: rng.uuid(),
      code,
      name,
      creditCode: makeCreditCode(rng),
      industry,
      township: township.id,
      department: department.id,
      registeredAt: new Date(opts.registeredFrom.getTime() + rng.next() * span),
      keyTarget: false,
      ...contactOf(i, township.name),
    };
    enterprises.push(enterprise);
    const account = rng.uuid();
    users.push({
      id: account,
      username: code,
      displayName: `${name}安全员`,
      role: Role.ENTERPRISE,
      passwordHash: opts.passwordHash,
      enterprise: enterprise.id,
      createdAt: opts.createdAt,
    });
    accountOf.set(enterprise.id, account);
  }
  return { townships, departments, users, enterprises, accountOf, director, staffOf };
}
