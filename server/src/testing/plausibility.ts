import { Hazard } from '../modules/hazard/hazard.entity.js';
import { HazardGrade } from '../modules/hazard/hazard.enums.js';
import type { TestServer } from './test-server.js';

/**
 * What a reader takes a company for from its name, kept apart from the seed's own tables so that a
 * wrong table cannot pass for a right one (issue 11 found a textile company under the coal-mine section).
 * The first word found decides: 建材矿业 is a mine, 建材 alone a factory.
 */
const NAME_SAYS: ReadonlyArray<readonly [RegExp, string]> = [
  [/煤矿|煤业/, 'COAL_MINE'],
  [/矿业|石灰石矿|采石场/, 'NON_COAL_MINE'],
  [/烟花|爆竹|花炮/, 'FIREWORKS'],
  [/化工|石化|气体|化学品/, 'HAZARDOUS_CHEMICALS'],
  [/机械|建材|纺织|食品|铜业|物流/, 'OTHER'],
];
/** Everyday findings that no criteria for major accident hazards name ("车间照明不足" graded major, issue 11). */
const NEVER_MAJOR = /照明|标识|标志|卫生|杂物|灭火器|警示|台账|记录不全|培训/;

/** The word a section's name starts with, for each industry it supervises. */
const SECTION: Record<string, string> = {
  COAL_MINE: '煤矿',
  NON_COAL_MINE: '非煤矿山',
  FIREWORKS: '烟花爆竹',
  HAZARDOUS_CHEMICALS: '危险化学品',
  OTHER: '工贸',
};

/** What a bureau would not believe in a seeded database, judged by a reader's eye, not the seed's tables. Empty when plausible. */
export async function implausibilities(server: TestServer): Promise<string[]> {
  type Row = { code: string; name: string; industry: string; department: { name: string } };
  const result = await server.gql<{ enterprises: { edges: Array<{ node: Row }> } }>(
    `{ enterprises(first: 200) { edges { node { code name industry department { name } } } } }`,
    {},
    await server.login('director'),
  );
  const wrong: string[] = [];
  for (const { node } of result.data!.enterprises.edges) {
    const says = NAME_SAYS.find(([words]) => words.test(node.name))?.[1];
    if (says !== node.industry) wrong.push(`${node.code} ${node.name} is ${node.industry}`);
    // A section is named for its industry first (煤矿安全监督管理科); 非煤矿山 also contains 煤矿, hence startsWith.
    if (!node.department.name.startsWith(SECTION[node.industry]!))
      wrong.push(`${node.code} ${node.name} under ${node.department.name}`);
  }
  const majors = await server.app.orm.em.fork().find(Hazard, { grade: HazardGrade.MAJOR }, { fields: ['title'] });
  if (!majors.length) wrong.push('no major hazard');
  for (const h of majors) if (NEVER_MAJOR.test(h.title)) wrong.push(`major: ${h.title}`);
  return wrong;
}
