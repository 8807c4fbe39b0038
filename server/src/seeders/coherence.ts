import type { EntityManager } from '@mikro-orm/core';
import { Enterprise } from '../modules/enterprise/enterprise.entity.js';
import { Industry } from '../modules/enterprise/industry.js';
import { Hazard } from '../modules/hazard/hazard.entity.js';
import { titlesFor } from './hazard-texts.js';

/** The industry a department's name says it supervises; 工贸 (industry and trade) is the catch-all. */
const BY_NAME: readonly [string, Industry][] = [
  ['危险化学品', Industry.HAZARDOUS_CHEMICALS],
  ['非煤矿山', Industry.NON_COAL_MINE],
  ['煤矿', Industry.COAL_MINE],
  ['烟花爆竹', Industry.FIREWORKS],
  ['工贸', Industry.OTHER],
];

/**
 * What a bureau would not believe in seeded data: an enterprise under a department of another industry,
 * or a hazard whose title is not one of its industry's findings of that grade. Empty when coherent.
 */
export async function incoherences(em: EntityManager): Promise<string[]> {
  const wrong: string[] = [];
  const enterprises = await em.find(Enterprise, {}, { populate: ['department'] });
  const industryOf = new Map<string, Industry>();
  for (const e of enterprises) {
    industryOf.set(e.id, e.industry);
    const department = e.department.getEntity().name;
    const says = BY_NAME.find(([word]) => department.includes(word))?.[1];
    if (says !== e.industry) wrong.push(`${e.code} ${e.name} (${e.industry}) under ${department}`);
  }
  for (const h of await em.find(Hazard, {}, { fields: ['title', 'grade', 'enterprise'] })) {
    const industry = industryOf.get(h.enterprise.id)!;
    if (!titlesFor(industry, h.grade).includes(h.title)) wrong.push(`${h.grade} ${industry}: ${h.title}`);
  }
  return wrong;
}
