import { Industry } from '../modules/enterprise/industry.js';

/** Plausible hazard titles and locations per industry, from the kinds of findings the seed report describes. */
export const HAZARD_TITLES: Record<Industry, readonly string[]> = {
  [Industry.HAZARDOUS_CHEMICALS]: [
    '储罐区静电接地不良',
    '可燃气体报警器未定期检定',
    '装卸区未设置防撞设施',
    '危化品仓库物品超量存放',
    '压力表超期未校验',
    '安全阀铅封缺失',
    '防爆电气设备密封不严',
    '应急喷淋洗眼器无水',
    '管道标识不清',
    '作业票证填写不规范',
  ],
  [Industry.NON_COAL_MINE]: [
    '边坡台阶超高',
    '爆破器材库值守记录缺失',
    '采场未设置安全警示标志',
    '排土场截水沟淤堵',
    '破碎机传动部位防护罩缺失',
    '矿区道路护栏损坏',
    '作业人员未佩戴安全帽',
    '通风设施不完善',
    '供电线路私拉乱接',
    '监测监控数据中断',
  ],
  [Industry.COAL_MINE]: [
    '瓦斯传感器位置不当',
    '局部通风机未挂牌管理',
    '巷道支护变形',
    '井下消防管路压力不足',
    '提升机保护装置失效',
    '防尘喷雾装置损坏',
    '自救器未按期检查',
    '井下电缆吊挂不规范',
    '探放水设计未审批',
    '人员定位卡缺失',
  ],
  [Industry.FIREWORKS]: [
    '药物存放超过核定量',
    '工房防静电地面破损',
    '中转库未设置避雷设施',
    '危险工序人员超员',
    '成品仓库通道堵塞',
    '生产区违规使用手机',
    '消防水池水位不足',
    '产品包装标识不全',
    '运输车辆未配备灭火器',
    '防爆灯具损坏',
  ],
  [Industry.OTHER]: [
    '配电箱未接地',
    '消防通道堵塞',
    '有限空间作业未审批',
    '行车限位器失效',
    '粉尘清扫记录缺失',
    '叉车驾驶员无证操作',
    '安全出口指示灯损坏',
    '砂轮机防护罩缺失',
    '气瓶未固定',
    '车间照明不足',
  ],
};

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
