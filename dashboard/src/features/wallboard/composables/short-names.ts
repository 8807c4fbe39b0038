export { bareName as shortName } from '../../../shared/person.js';

/** 危险化学品安全监督管理科 → 危险化学品科: the wall has no room for the full names. */
export function shortDepartment(name: string): string {
  return name.replace(/安全监督管理科$/, '科');
}
