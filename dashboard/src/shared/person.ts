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

/** The name and its role, the role said once: 周文斌（科长） with role 科长 → 周文斌（科长）. */
export function nameWithRole(displayName: string, roleLabel: string): string {
  return `${bareName(displayName)}（${roleLabel}）`;
}
