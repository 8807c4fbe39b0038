import { Industry } from '../modules/enterprise/industry.js';
import { CheckRole, ControlCategory, RiskPointKind } from '../modules/risk/risk.enums.js';

/** A control measure as a register of this industry words it, with the cycle and the role that checks it. */
export interface MeasureTemplate {
  category: ControlCategory;
  description: string;
  checkEvery: '8h' | '1d' | '7d' | '30d';
  checkRole: CheckRole;
}

/**
 * A risk point a register of this industry holds, with the LS assessment it usually gets: severity
 * fixed by what can happen there, likelihood drawn between `likelihood[0]` and `likelihood[1]`.
 */
export interface RiskPointTemplate {
  name: string;
  kind: RiskPointKind;
  location: string;
  likelihood: readonly [number, number];
  severity: number;
  measures: readonly MeasureTemplate[];
}

const { ENGINEERING, MAINTENANCE, OPERATION, EMERGENCY } = ControlCategory;
const { PRINCIPAL, TECHNICAL, OPERATIONS, POST } = CheckRole;
const { FACILITY, SITE, AREA, ACTIVITY } = RiskPointKind;

const m = (
  category: ControlCategory,
  description: string,
  checkEvery: MeasureTemplate['checkEvery'],
  checkRole: CheckRole,
): MeasureTemplate => ({ category, description, checkEvery, checkRole });

/**
 * Risk points by industry, after the registers of the provincial dual-prevention guides: every
 * register starts with the first point of its list, the one that can be red (重大风险) in the four
 * high-risk industries; an industry-and-trade (工贸) register tops out orange.
 */
export const RISK_POINTS: Record<Industry, readonly RiskPointTemplate[]> = {
  [Industry.HAZARDOUS_CHEMICALS]: [
    {
      name: '甲醇储罐区',
      kind: AREA,
      location: '储罐区',
      likelihood: [2, 4],
      severity: 5,
      measures: [
        m(ENGINEERING, '储罐液位、温度远传及高低液位报警联锁投用正常', '7d', TECHNICAL),
        m(OPERATION, '储罐区巡检：防火堤、呼吸阀、阻火器、静电接地完好', '8h', POST),
        m(EMERGENCY, '泡沫灭火和消防冷却水系统完好，应急物资齐全', '30d', OPERATIONS),
      ],
    },
    {
      name: '合成车间反应釜',
      kind: FACILITY,
      location: '合成车间',
      likelihood: [2, 3],
      severity: 5,
      measures: [
        m(ENGINEERING, 'DCS温度、压力联锁及紧急停车系统投用正常', '1d', TECHNICAL),
        m(MAINTENANCE, '安全阀、爆破片、压力表在校验有效期内', '30d', TECHNICAL),
        m(OPERATION, '岗位交接班检查：工艺参数在操作规程范围内', '8h', POST),
      ],
    },
    {
      name: '危险化学品装卸作业',
      kind: ACTIVITY,
      location: '装卸站台',
      likelihood: [2, 3],
      severity: 4,
      measures: [
        m(OPERATION, '装卸作业票证齐全，专人现场监护', '1d', OPERATIONS),
        m(MAINTENANCE, '装卸鹤管、静电接地报警器完好', '7d', POST),
      ],
    },
    {
      name: '甲类仓库',
      kind: SITE,
      location: '甲类仓库',
      likelihood: [2, 3],
      severity: 4,
      measures: [
        m(OPERATION, '仓库物品分类、限量存放，禁忌物料不混存', '1d', POST),
        m(ENGINEERING, '可燃气体报警器及机械通风设施完好', '7d', TECHNICAL),
      ],
    },
    {
      name: '动火等特殊作业',
      kind: ACTIVITY,
      location: '生产装置区',
      likelihood: [2, 3],
      severity: 4,
      measures: [
        m(OPERATION, '特殊作业票审批、气体分析和监护人到位', '1d', OPERATIONS),
        m(EMERGENCY, '作业现场灭火器材和应急救援器材到位', '7d', POST),
      ],
    },
    {
      name: '中控室',
      kind: SITE,
      location: '控制室',
      likelihood: [1, 2],
      severity: 3,
      measures: [m(MAINTENANCE, 'UPS电源、报警系统自检正常', '7d', TECHNICAL)],
    },
  ],
  [Industry.NON_COAL_MINE]: [
    {
      name: '露天采场边坡',
      kind: AREA,
      location: '采场',
      likelihood: [2, 4],
      severity: 5,
      measures: [
        m(ENGINEERING, '边坡位移监测系统数据正常上传', '1d', TECHNICAL),
        m(OPERATION, '按设计自上而下分台阶开采，台阶高度、坡面角符合设计', '7d', TECHNICAL),
        m(EMERGENCY, '边坡异常撤人预案及警戒设施到位', '30d', PRINCIPAL),
      ],
    },
    {
      name: '爆破作业',
      kind: ACTIVITY,
      location: '采场',
      likelihood: [2, 3],
      severity: 5,
      measures: [
        m(OPERATION, '爆破设计审批、警戒范围和清场确认', '1d', OPERATIONS),
        m(MAINTENANCE, '爆破器材库双人双锁、值守记录完整', '1d', POST),
      ],
    },
    {
      name: '破碎站',
      kind: FACILITY,
      location: '破碎站',
      likelihood: [2, 3],
      severity: 3,
      measures: [
        m(MAINTENANCE, '破碎机、皮带机传动部位防护罩完好', '7d', POST),
        m(OPERATION, '检修作业停机、断电、挂牌上锁', '1d', OPERATIONS),
      ],
    },
    {
      name: '排土场',
      kind: AREA,
      location: '排土场',
      likelihood: [2, 3],
      severity: 4,
      measures: [
        m(ENGINEERING, '截水沟、挡土墙完好，无淤堵', '7d', TECHNICAL),
        m(OPERATION, '排土作业安全车挡及指挥人员到位', '1d', POST),
      ],
    },
    {
      name: '矿区运输道路',
      kind: SITE,
      location: '矿区道路',
      likelihood: [2, 3],
      severity: 3,
      measures: [m(MAINTENANCE, '道路护栏、限速和警示标志完好', '7d', OPERATIONS)],
    },
  ],
  [Industry.COAL_MINE]: [
    {
      name: '采煤工作面',
      kind: AREA,
      location: '采煤工作面',
      likelihood: [2, 4],
      severity: 5,
      measures: [
        m(ENGINEERING, '瓦斯传感器位置、报警断电值符合规程', '1d', TECHNICAL),
        m(OPERATION, '瓦斯检查员每班检查并记录瓦斯浓度', '8h', POST),
        m(EMERGENCY, '自救器、压风自救和避灾路线标识完好', '30d', OPERATIONS),
      ],
    },
    {
      name: '掘进工作面探放水',
      kind: ACTIVITY,
      location: '掘进工作面',
      likelihood: [2, 3],
      severity: 5,
      measures: [
        m(OPERATION, '坚持有掘必探、先探后掘，探放水设计经审批', '1d', TECHNICAL),
        m(EMERGENCY, '排水设施能力和水害应急预案演练落实', '30d', PRINCIPAL),
      ],
    },
    {
      name: '主井提升系统',
      kind: FACILITY,
      location: '主井',
      likelihood: [2, 3],
      severity: 4,
      measures: [
        m(MAINTENANCE, '提升机保护装置、钢丝绳检查试验', '1d', POST),
        m(ENGINEERING, '过卷、过速、深度指示保护试验合格', '7d', TECHNICAL),
      ],
    },
    {
      name: '井下变电所',
      kind: SITE,
      location: '井下变电所',
      likelihood: [2, 3],
      severity: 4,
      measures: [
        m(MAINTENANCE, '漏电、接地保护试验正常，电缆吊挂规范', '7d', TECHNICAL),
        m(OPERATION, '变电所值班巡检记录完整', '1d', POST),
      ],
    },
    {
      name: '回风巷通风设施',
      kind: FACILITY,
      location: '回风巷',
      likelihood: [2, 3],
      severity: 4,
      measures: [m(MAINTENANCE, '风门、风窗、局部通风机挂牌管理完好', '7d', OPERATIONS)],
    },
  ],
  [Industry.FIREWORKS]: [
    {
      name: '药物总库',
      kind: SITE,
      location: '药物总库',
      likelihood: [2, 4],
      severity: 5,
      measures: [
        m(OPERATION, '库存药物不超过核定药量，出入库登记', '1d', POST),
        m(ENGINEERING, '防雷设施检测合格，防静电装置完好', '30d', TECHNICAL),
        m(EMERGENCY, '消防水池水位、消防器材完好', '7d', OPERATIONS),
      ],
    },
    {
      name: '装药工房',
      kind: SITE,
      location: '装药工房',
      likelihood: [2, 3],
      severity: 5,
      measures: [
        m(OPERATION, '工房定员、定量，人员不超员，药物不超量', '1d', OPERATIONS),
        m(MAINTENANCE, '防静电地面、导静电门帘完好', '7d', POST),
      ],
    },
    {
      name: '成品仓库',
      kind: SITE,
      location: '成品仓库',
      likelihood: [2, 3],
      severity: 4,
      measures: [
        m(OPERATION, '堆码高度、通道宽度符合要求', '1d', POST),
        m(EMERGENCY, '仓库灭火器材和应急照明完好', '7d', OPERATIONS),
      ],
    },
    {
      name: '危险品运输',
      kind: ACTIVITY,
      location: '厂区道路',
      likelihood: [2, 3],
      severity: 4,
      measures: [m(OPERATION, '运输车辆防火罩、灭火器配备，限速行驶', '7d', OPERATIONS)],
    },
    {
      name: '包装车间',
      kind: SITE,
      location: '包装车间',
      likelihood: [1, 3],
      severity: 3,
      measures: [m(OPERATION, '生产区严禁携带火种和手机，入口检查', '1d', POST)],
    },
  ],
  [Industry.OTHER]: [
    {
      name: '粉尘涉爆除尘系统',
      kind: FACILITY,
      location: '一号车间',
      likelihood: [1, 3],
      severity: 4,
      measures: [
        m(ENGINEERING, '除尘系统泄爆、隔爆、锁气卸灰装置完好', '7d', TECHNICAL),
        m(OPERATION, '作业场所积尘按班清扫并记录', '1d', POST),
      ],
    },
    {
      name: '有限空间作业',
      kind: ACTIVITY,
      location: '污水池',
      likelihood: [1, 3],
      severity: 5,
      measures: [
        m(OPERATION, '先通风、再检测、后作业，作业审批和监护', '1d', OPERATIONS),
        m(EMERGENCY, '气体检测仪、呼吸器和救援三脚架完好', '30d', OPERATIONS),
      ],
    },
    {
      name: '桥式起重机',
      kind: FACILITY,
      location: '一号车间',
      likelihood: [2, 3],
      severity: 4,
      measures: [
        m(MAINTENANCE, '行车限位器、制动器、吊钩防脱装置完好', '7d', POST),
        m(OPERATION, '特种作业人员持证上岗', '30d', OPERATIONS),
      ],
    },
    {
      name: '配电房',
      kind: SITE,
      location: '配电房',
      likelihood: [1, 3],
      severity: 3,
      measures: [
        m(MAINTENANCE, '配电柜接地、绝缘检测合格', '30d', TECHNICAL),
        m(OPERATION, '配电房巡检，门窗防鼠设施完好', '7d', POST),
      ],
    },
    {
      name: '成品仓库',
      kind: SITE,
      location: '仓库',
      likelihood: [1, 3],
      severity: 3,
      measures: [m(EMERGENCY, '消防通道畅通，灭火器在有效期内', '7d', OPERATIONS)],
    },
  ],
};

/** Who is named responsible for a risk point (责任人), by the post that usually holds it. */
export const POINT_OWNERS = ['张建华', '李国平', '王志强', '刘卫东', '陈小军', '杨春林', '黄海波', '周永红'];
