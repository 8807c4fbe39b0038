import { Industry } from '../modules/enterprise/industry.js';
import { HazardGrade } from '../modules/hazard/hazard.enums.js';

/**
 * Plausible hazard titles per industry, split by grade: a MAJOR hazard is one of the findings that the
 * national criteria for major accident hazards (重大事故隐患判定标准) of that industry name; the rest are
 * the everyday findings of the seed report's self-inspections. A seed picks a title of the hazard's grade.
 */
export const HAZARD_TITLES: Record<
  Industry,
  { readonly major: readonly string[]; readonly general: readonly string[] }
> = {
  [Industry.HAZARDOUS_CHEMICALS]: {
    major: [
      '液化烃储罐区未实现紧急切断功能',
      '重点监管危险化工工艺装置未实现自动化控制',
      '涉及可燃和有毒气体的场所未设置检测报警装置',
      '控制室面向具有火灾爆炸危险性装置一侧未满足防火防爆要求',
      '危险化学品重大危险源未设置安全监测监控系统',
    ],
    general: [
      '储罐区静电接地不良',
      '可燃气体报警器未定期检定',
      '装卸区未设置防撞设施',
      '压力表超期未校验',
      '安全阀铅封缺失',
      '防爆电气设备密封不严',
      '应急喷淋洗眼器无水',
      '管道标识不清',
      '作业票证填写不规范',
    ],
  },
  [Industry.NON_COAL_MINE]: {
    major: [
      '边坡出现滑移迹象未停止作业',
      '未按设计留设安全平台和清扫平台',
      '高陡边坡未采取有效监测措施',
      '爆破器材库储存量超过设计容量',
      '采场台阶高度和坡面角严重超出设计',
    ],
    general: [
      '爆破器材库值守记录缺失',
      '采场未设置安全警示标志',
      '排土场截水沟淤堵',
      '破碎机传动部位防护罩缺失',
      '矿区道路护栏损坏',
      '作业人员未佩戴安全帽',
      '供电线路私拉乱接',
      '监测监控数据中断',
    ],
  },
  [Industry.COAL_MINE]: {
    major: [
      '瓦斯超限后未停止作业',
      '通风系统不完善、不可靠',
      '有严重水患未采取有效措施',
      '超能力、超强度组织生产',
      '瓦斯抽采系统未按规定运行',
    ],
    general: [
      '瓦斯传感器位置不当',
      '局部通风机未挂牌管理',
      '井下消防管路压力不足',
      '防尘喷雾装置损坏',
      '自救器未按期检查',
      '井下电缆吊挂不规范',
      '人员定位卡缺失',
      '巷道支护局部变形',
    ],
  },
  [Industry.FIREWORKS]: {
    major: [
      '工房药物存放超过核定量',
      '危险工序人员超过核定人数',
      '擅自改变工房设计用途',
      '防范静电危害措施不符合国家标准',
      '中转库未设置防雷设施',
    ],
    general: [
      '工房防静电地面破损',
      '成品仓库通道堵塞',
      '生产区违规使用手机',
      '消防水池水位不足',
      '产品包装标识不全',
      '运输车辆未配备灭火器',
      '防爆灯具损坏',
      '安全警示标志褪色',
    ],
  },
  [Industry.OTHER]: {
    major: [
      '粉尘爆炸危险场所未设置泄爆装置',
      '有限空间作业未执行审批和通风检测',
      '熔融金属吊运跨下方设置休息室',
      '燃气管道未设置低压报警及联锁切断装置',
      '涉氨制冷库房内设置员工宿舍',
    ],
    general: [
      '配电箱未接地',
      '消防通道堵塞',
      '行车限位器失效',
      '粉尘清扫记录缺失',
      '叉车驾驶员无证操作',
      '安全出口指示灯损坏',
      '砂轮机防护罩缺失',
      '气瓶未固定',
      '车间照明不足',
    ],
  },
};

/** The list a hazard of this grade takes its title from. */
export function titlesFor(industry: Industry, grade: HazardGrade): readonly string[] {
  return grade === HazardGrade.MAJOR ? HAZARD_TITLES[industry].major : HAZARD_TITLES[industry].general;
}

export const LOCATIONS: Record<Industry, readonly string[]> = {
  [Industry.HAZARDOUS_CHEMICALS]: ['储罐区', '装卸站台', '甲类仓库', '合成车间', '控制室'],
  [Industry.NON_COAL_MINE]: ['采场', '爆破器材库', '排土场', '破碎站', '矿区道路'],
  [Industry.COAL_MINE]: ['主井', '回风巷', '采煤工作面', '井下变电所', '掘进工作面'],
  [Industry.FIREWORKS]: ['药物总库', '中转库', '装药工房', '成品仓库', '包装车间'],
  [Industry.OTHER]: ['一号车间', '配电房', '仓库', '办公楼', '厂区道路'],
};

export const MEASURES = [
  '立即停用并更换',
  '限期修复并复检',
  '加强巡查并完善记录',
  '委托有资质单位检测',
  '组织专项培训并整改',
];
export const RESPONSIBLE = ['张工', '李主任', '王科长', '刘经理', '陈安全员', '杨班长'];
