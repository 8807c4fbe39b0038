import type { EntityManager } from '@mikro-orm/knex';
import { Enterprise } from '../enterprise/enterprise.entity.js';

/** The next `count` registry codes after the highest e-number in use (e001, e002, … e1000): one read of one column. */
export async function nextEnterpriseCodes(em: EntityManager, count: number): Promise<string[]> {
  const rows = await em.createQueryBuilder(Enterprise).select('code').execute('all', false);
  let highest = 0;
  for (const row of rows as unknown as Array<{ code: string }>) {
    const match = /^e(\d+)$/.exec(row.code);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return Array.from({ length: count }, (_, i) => `e${String(highest + 1 + i).padStart(3, '0')}`);
}

/** Credit codes are stored upper-case without spaces, as printed on the business licence. */
export function normaliseCreditCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}
