import type { TestServer } from './test-server.js';

export const PLAN = {
  objectives: '彻底消除隐患',
  funding: '专项资金 20 万元',
  emergencyMeasures: '设置警戒区，专人值守',
};

export const HAZARD_FIELDS =
  'id status grade deadline closedAt submittedAt rejectionReason confirmingRole history { seq action }';

/** The id of a demo enterprise by its code (e001…e100). */
export async function enterpriseId(server: TestServer, code: string): Promise<string> {
  const token = await server.login('director');
  const result = await server.gql(
    `query($s: String!) { enterprises(filter: { search: $s }) { edges { node { id code } } } }`,
    { s: code },
    token,
  );
  return result.data!.enterprises.edges.find((e: any) => e.node.code === code).node.id;
}

/** Files a hazard with a plan as `username` and returns it; throws when refused. */
export async function fileWithPlan(server: TestServer, username: string, input: Record<string, unknown>): Promise<any> {
  const token = await server.login(username);
  const deadline = new Date(server.app.deps.clock.now().getTime() + 10 * 86_400_000).toISOString();
  const result = await server.gql(
    `mutation($input: FileHazardInput!) { fileHazard(input: $input) { ${HAZARD_FIELDS} } }`,
    {
      input: { title: '储罐区静电接地不良', measures: '重新接地并检测', responsiblePerson: '张工', deadline, ...input },
    },
    token,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.fileHazard;
}

export function codeOf(result: { errors?: Array<{ extensions?: Record<string, any> }> }): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
