/** 危险化学品安全监督管理科 → 危险化学品科: the wall has no room for the full names. */
export function shortDepartment(name: string): string {
  return name.replace(/安全监督管理科$/, '科');
}

/** 王建国（分管领导） → 王建国: the column already says the role. */
export function shortName(displayName: string | null | undefined): string {
  return displayName ? displayName.replace(/（.*?）$/, '') : '—';
}
