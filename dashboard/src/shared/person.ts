/**
 * People as the bureau reads them. Display names may already carry the role in brackets
 * (刘志明（局长）, as the demo organisation names its staff); every page that prints a person goes
 * through here, so the role is said once.
 */
const TRAILING_BRACKETS = /\s*[（(][^（）()]*[）)]$/;

/** 王建国（分管领导） → 王建国: for a column or line that already says the role. */
export function bareName(displayName: string | null | undefined): string {
  return displayName ? displayName.replace(TRAILING_BRACKETS, '') : '—';
}

/**
 * The name and its role, the role said once: 周文斌（科长） with role 科长 → 周文斌（科长）. A name that
 * already ends in its role's word stands alone: an enterprise's account, 瑞昌市广源气体有限公司安全员, is
 * not followed by （企业安全员）.
 */
export function nameWithRole(displayName: string, roleLabel: string): string {
  const name = bareName(displayName);
  return saysRole(name, roleLabel) ? name : `${name}（${roleLabel}）`;
}

/** Whether a name ends in (the last word of) its role: 安全员 of 企业安全员, 科长 of 科长. Two characters at least. */
export function saysRole(name: string, roleLabel: string): boolean {
  let shared = 0;
  while (shared < Math.min(name.length, roleLabel.length) && name.at(-1 - shared) === roleLabel.at(-1 - shared))
    shared++;
  return shared >= 2;
}
