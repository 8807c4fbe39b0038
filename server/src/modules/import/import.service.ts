import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import type { Context, Viewer } from '../../graphql/context.js';
import { conflict, notFound } from '../../graphql/errors.js';
import { hashOneTimePassword } from '../auth/password.js';
import { generateOneTimePassword } from '../auth/password-rules.js';
import { assertMayAdminister } from '../auth/permissions.js';
import { ENTERPRISE_ROLE } from '../auth/role.js';
import { User } from '../auth/user.entity.js';
import { isUuid } from '../common/ids.js';
import { Department } from '../department/department.entity.js';
import { BUREAU_LOCALE, renderMessage, type MessageKey, type MessageParams } from '../../messages/render.js';
import { creditCodeProblem } from '../enterprise/credit-code.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { industryByName, INDUSTRY_NAMES_ZH, type Industry } from '../enterprise/industry.js';
import { EventKind } from '../event/event-kind.js';
import { runChange } from '../event/change.js';
import { nextEnterpriseCodes, normaliseCreditCode } from '../registry/enterprise-codes.js';
import { Township } from '../township/township.entity.js';
import { bulkInsert } from '../../seeders/bulk-insert.js';
import type { ImportRow } from './import-columns.js';
import { EnterpriseImport } from './enterprise-import.entity.js';
import { credentialsWorkbook, sealCredentials } from './import-sheets.js';
import type { ImportProblem, ImportReport } from './import.types.js';

interface CleanRow {
  row: number;
  name: string;
  creditCode: string;
  industry: Industry;
  townshipId: string;
  departmentId: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
}

/** Values of `column` in chunks small enough for one IN list each. */
async function existing<T extends object>(
  em: EntityManager,
  entity: new () => T,
  column: keyof T & string,
  values: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < values.length; i += 500) {
    const rows = await em
      .createQueryBuilder(entity)
      .select(column)
      .where({ [column]: { $in: values.slice(i, i + 500) } } as never)
      .execute('all');
    for (const row of rows as unknown as Array<Record<string, string>>) found.add(row[column]!);
  }
  return found;
}

/** Checks every row against the rules and the registry at once; every problem is named by row and column. */
export async function checkRows(
  em: EntityManager,
  rows: ImportRow[],
): Promise<{ clean: CleanRow[]; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  // The report is read by the bureau's admin: its sentences are in the bureau's language.
  const add = (row: number, column: string, key: MessageKey, params: MessageParams = {}) =>
    problems.push({ row, column, message: renderMessage(BUREAU_LOCALE, key, params) });
  const townships = new Map((await em.find(Township, {})).map((t) => [t.name, t.id]));
  const departments = new Map((await em.find(Department, {})).map((d) => [d.name, d.id]));
  const codes = rows.map((r) => normaliseCreditCode(r.cells[1] ?? ''));
  const registered = await existing(em, Enterprise, 'creditCode', codes.filter(Boolean));
  const firstRowOf = new Map<string, number>();
  const clean: CleanRow[] = [];
  rows.forEach(({ row, cells }, i) => {
    const [name = '', , industryName = '', townshipName = '', departmentName = '', address, contactName, phone] = cells;
    const before = problems.length;
    if (!name) add(row, '企业名称', 'import.row.nameRequired');
    const code = codes[i]!;
    if (!code) add(row, '统一社会信用代码', 'import.row.creditCodeRequired');
    else {
      const problem = creditCodeProblem(code);
      if (problem)
        add(row, '统一社会信用代码', 'import.row.creditCodeInvalid', {
          code,
          problem: renderMessage(BUREAU_LOCALE, problem.key, problem.params),
        });
      else if (firstRowOf.has(code))
        add(row, '统一社会信用代码', 'import.row.creditCodeRepeated', { row: firstRowOf.get(code)! });
      else if (registered.has(code)) add(row, '统一社会信用代码', 'import.row.creditCodeRegistered', { code });
      if (!firstRowOf.has(code)) firstRowOf.set(code, row);
    }
    const industry = industryByName(industryName);
    if (!industry)
      add(row, '行业', industryName ? 'import.row.industryUnknown' : 'import.row.industryRequired', {
        name: industryName,
        choices: Object.values(INDUSTRY_NAMES_ZH).join('、'),
      });
    const townshipId = townships.get(townshipName);
    if (!townshipId)
      add(row, '乡镇', townshipName ? 'import.row.townshipUnknown' : 'import.row.townshipRequired', {
        name: townshipName,
      });
    const departmentId = departments.get(departmentName);
    if (!departmentId)
      add(row, '科室', departmentName ? 'import.row.departmentUnknown' : 'import.row.departmentRequired', {
        name: departmentName,
      });
    if (problems.length === before)
      clean.push({
        row,
        name,
        creditCode: code,
        industry: industry!,
        townshipId: townshipId!,
        departmentId: departmentId!,
        address: address || undefined,
        contactName: contactName || undefined,
        contactPhone: phone || undefined,
      });
  });
  return { clean, problems };
}

/**
 * R13: imports an uploaded registry file. A dry run only checks; a real run with any problem writes
 * nothing either; a clean run registers every row (and, when asked, one account each) in one
 * transaction with set-based inserts.
 */
export async function importEnterprises(
  ctx: Context,
  viewer: Viewer,
  importId: string,
  dryRun: boolean,
  createAccounts: boolean,
): Promise<ImportReport> {
  assertMayAdminister(viewer);
  const upload = isUuid(importId) ? await ctx.em.findOne(EnterpriseImport, importId, { populate: ['rows'] }) : null;
  if (!upload) throw notFound('import.noUpload');
  if (upload.importedAt) throw conflict('import.alreadyImported');
  const rows = JSON.parse(upload.rows) as ImportRow[];
  const { clean, problems } = await checkRows(ctx.em, rows);
  const report = (created: number, credentialsUrl: string | null = null): ImportReport => ({
    dryRun,
    rowCount: rows.length,
    created,
    errors: problems,
    credentialsUrl,
  });
  if (dryRun || problems.length > 0 || clean.length === 0) return report(0);

  const now = ctx.deps.clock.now();
  const passwords = createAccounts ? clean.map(() => generateOneTimePassword()) : [];
  const hashes = await Promise.all(passwords.map(hashOneTimePassword));
  const credentials = await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const fresh = await tx.findOneOrFail(EnterpriseImport, upload.id);
    if (fresh.importedAt) throw conflict('import.alreadyImported');
    // Checked again inside the transaction, so a registration meanwhile cannot slip a duplicate in.
    if (
      (
        await existing(
          tx,
          Enterprise,
          'creditCode',
          clean.map((r) => r.creditCode),
        )
      ).size > 0
    )
      throw conflict('import.codesTakenMeanwhile');
    const codes = await nextEnterpriseCodes(tx, clean.length);
    if (createAccounts && (await existing(tx, User, 'username', codes)).size > 0)
      throw conflict('import.usernamesTaken');
    const enterprises = clean.map((r, i) => ({
      id: randomUUID(),
      code: codes[i]!,
      name: r.name,
      creditCode: r.creditCode,
      industry: r.industry,
      township: r.townshipId,
      department: r.departmentId,
      registeredAt: now,
      address: r.address,
      contactName: r.contactName,
      contactPhone: r.contactPhone,
      keyTarget: false,
      active: true,
    }));
    await bulkInsert(tx, Enterprise, enterprises);
    const accounts = createAccounts
      ? enterprises.map((e, i) => ({
          id: randomUUID(),
          username: e.code,
          displayName: `${e.name}安全员`,
          role: ENTERPRISE_ROLE,
          passwordHash: hashes[i]!,
          enterprise: e.id,
          createdAt: now,
          active: true,
          mustChangePassword: true,
        }))
      : [];
    await bulkInsert(tx, User, accounts);
    fresh.importedAt = now;
    await change.audit([
      ...enterprises.map((e) => ({
        at: now,
        actorId: viewer.user.id,
        action: 'enterprise.registered',
        subjectType: 'enterprise',
        subjectId: e.id,
        data: { code: e.code, name: e.name, creditCode: e.creditCode, departmentId: e.department, importId: upload.id },
      })),
      ...accounts.map((u) => ({
        at: now,
        actorId: viewer.user.id,
        action: 'user.created',
        subjectType: 'user',
        subjectId: u.id,
        data: { username: u.username, role: u.role, enterpriseId: u.enterprise, importId: upload.id },
      })),
    ]);
    await change.emit(
      enterprises.map((e) => ({
        kind: EventKind.ENTERPRISE_REGISTERED,
        at: now,
        enterpriseId: e.id,
        departmentId: e.department,
        payload: { code: e.code, name: e.name, importId: upload.id },
      })),
    );
    if (!createAccounts) {
      await tx.flush();
      return null;
    }
    const sheet = await credentialsWorkbook(
      enterprises.map((e, i) => ({
        name: e.name,
        creditCode: e.creditCode,
        username: e.code,
        password: passwords[i]!,
      })),
    );
    const { sealed, key } = sealCredentials(sheet);
    fresh.credentials = sealed;
    await tx.flush();
    return key;
  });
  return report(clean.length, credentials ? `/imports/${upload.id}/credentials.xlsx?key=${credentials}` : null);
}
