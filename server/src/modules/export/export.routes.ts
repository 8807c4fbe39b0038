import type { Express, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { log } from '../../config/log.js';
import type { AppDeps, Viewer } from '../../graphql/context.js';
import { badInput, UserError } from '../../graphql/errors.js';
import { refuse } from '../../http/refuse.js';
import type { MessageKey, MessageParams } from '../../messages/render.js';
import { authenticate } from '../auth/auth.service.js';
import { bearerToken } from '../auth/bearer.js';
import { assertMayExportLedger, assertMayExportReports } from '../auth/permissions.js';
import { StatsDimension } from '../analytics/stats-dimension.js';
import { AssessmentKind } from '../assessment/assessment.enums.js';
import { bureauDate } from '../common/bureau-time.js';
import { isUuid } from '../common/ids.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { ChromiumMissingError } from '../snapshot/chromium.js';
import { exportCover } from './cover.js';
import { attachment, PDF_TYPE, XLSX_TYPE } from './labels.js';
import { ledgerRows, type LedgerPeriod } from './ledger.js';
import { ledgerPdf, MAX_PDF_LEDGER_ROWS } from './ledger-pdf.js';
import { writeLedgerXlsx } from './ledger-xlsx.js';
import { parseQuarter, quarterlyPdf, quarterlyTable } from './quarterly.js';
import { assessmentTables, DIMENSION_NAMES, statsTable } from './reports.js';
import { writeTablesXlsx } from './table-xlsx.js';

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

function refuseWith(req: Request, res: Response, error: UserError): void {
  const { code, field } = error.extensions as { code: string; field?: string };
  refuse(req, res, STATUS[code] ?? 400, code, error.messageKey, error.messageParams, field);
}

const refusal = (field: string, key: MessageKey, params: MessageParams = {}) => badInput(key, params, field);

/** The signed-in viewer of a Bearer request, or a refusal (api.md: UNAUTHENTICATED, PASSWORD_CHANGE_REQUIRED). */
async function viewerOf(deps: AppDeps, req: Request): Promise<Viewer> {
  const viewer = await authenticate(deps.orm.em.fork(), bearerToken(req.headers.authorization), deps.clock.now());
  if (!viewer) throw new UserError('UNAUTHENTICATED', 'auth.signInFirst');
  if (viewer.user.mustChangePassword) throw new UserError('PASSWORD_CHANGE_REQUIRED', 'auth.passwordChangeRequired');
  return viewer;
}

function instant(req: Request, name: 'from' | 'to'): Date | null {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return null;
  const date = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}/.test(raw) ? new Date(raw) : null;
  if (!date || Number.isNaN(date.getTime())) throw refusal(name, 'export.instantInvalid', { name });
  return date;
}

/** `from` and `to` both required (reports): an analyst's table always names its period. */
function period(req: Request): { from: Date; to: Date } {
  const from = instant(req, 'from');
  const to = instant(req, 'to');
  if (!from) throw refusal('from', 'export.fromRequired');
  if (!to) throw refusal('to', 'export.toRequired');
  if (to < from) throw refusal('to', 'export.toBeforeFrom');
  return { from, to };
}

function oneOf<T extends string>(req: Request, name: string, values: Record<string, T>): T {
  const raw = req.query[name];
  const value = typeof raw === 'string' ? (Object.values(values) as string[]).find((v) => v === raw) : undefined;
  if (!value) throw refusal(name, 'export.oneOf', { name, choices: Object.values(values).join('、') });
  return value as T;
}

const periodText = (from: Date | null, to: Date, tz: string) =>
  `${from ? bureauDate(from, tz) : '建档以来'} 至 ${bureauDate(to, tz)}`;

/** Runs one export: refusals as JSON with api.md's codes, anything else logged and a 500 without details. */
function handler(what: string, run: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response) => {
    try {
      await run(req, res);
    } catch (error) {
      if (error instanceof GraphQLError && typeof error.extensions?.code === 'string' && !res.headersSent)
        return refuseWith(req, res, error as UserError);
      if (error instanceof ChromiumMissingError && !res.headersSent) {
        log.error(`${what}: ${error.message}`);
        return refuse(req, res, 503, 'UNAVAILABLE', 'export.chromiumMissing');
      }
      log.error(`${what} failed`, error);
      if (res.headersSent) return void res.destroy(error as Error);
      refuse(req, res, 500, 'INTERNAL_SERVER_ERROR', 'common.internal');
    }
  };
}

/**
 * `GET /exports/…` (api.md "Exports"): Bearer-authenticated, every decision of who may export what in
 * modules/auth (the ledger by R6 scope, an enterprise its own; reports for bureau staff and analysts,
 * each figure in the viewer's scope). XLSX is streamed as it is written; PDF is printed by Chromium.
 */
export function mountExports(app: Express, deps: AppDeps): void {
  const { env } = deps;
  const tz = env.bureauTz;

  app.get(
    /^\/exports\/ledger\/([^/]+)\.(xlsx|pdf)$/,
    handler('ledger export', async (req, res) => {
      const viewer = await viewerOf(deps, req);
      const [id, format] = [String(req.params[0]), String(req.params[1])];
      const em = deps.orm.em.fork();
      const enterprise = isUuid(id) ? await em.findOne(Enterprise, id) : null;
      assertMayExportLedger(viewer, enterprise && { id: enterprise.id, departmentId: enterprise.department.id });
      const now = deps.clock.now();
      const span: LedgerPeriod = { from: instant(req, 'from'), to: instant(req, 'to') ?? now };
      if (span.from && span.to < span.from) throw refusal('to', 'export.toBeforeFrom');
      const subtitle = `${enterprise!.name}（${enterprise!.code}）· 发现时间 ${periodText(span.from, span.to, tz)}`;
      const cover = await exportCover(em, env, viewer, now, '隐患排查治理台账', [
        ['企业', `${enterprise!.name}（${enterprise!.code}）`],
        ['期间', `发现时间 ${periodText(span.from, span.to, tz)}`],
        ['照片链接', '链接7天内有效；过期后请重新导出，或登录系统查看。'],
      ]);
      const rows = ledgerRows(em, enterprise!.id, span, {
        timeZone: tz,
        now,
        photoLinks: deps.photoLinks,
        baseUrl: `${req.protocol}://${req.get('host')}`,
      });
      const name = `${enterprise!.name}隐患台账_${bureauDate(span.to, tz)}`;
      if (format === 'xlsx') {
        res
          .type(XLSX_TYPE)
          .setHeader('Cache-Control', 'no-store')
          .setHeader('Content-Disposition', attachment(`${name}.xlsx`, `ledger-${enterprise!.code}.xlsx`));
        await writeLedgerXlsx(res, cover, rows);
        res.end();
        return;
      }
      const found = span.from ? { $gte: span.from, $lte: span.to } : { $lte: span.to };
      const count = await em.count(Hazard, { enterprise: enterprise!.id, discoveredAt: found });
      if (count > MAX_PDF_LEDGER_ROWS) throw refusal('from', 'export.pdfTooLong', { count, max: MAX_PDF_LEDGER_ROWS });
      const pdf = await ledgerPdf(env.reminders.chromiumPath, cover, subtitle, rows);
      res
        .type(PDF_TYPE)
        .setHeader('Cache-Control', 'no-store')
        .setHeader('Content-Disposition', attachment(`${name}.pdf`, `ledger-${enterprise!.code}.pdf`))
        .send(pdf);
    }),
  );

  app.get(
    '/exports/stats.xlsx',
    handler('stats export', async (req, res) => {
      const viewer = await viewerOf(deps, req);
      assertMayExportReports(viewer);
      const by = oneOf(req, 'by', StatsDimension);
      const { from, to } = period(req);
      const em = deps.orm.em.fork();
      const table = await statsTable(em, deps, viewer, by, from, to);
      const cover = await exportCover(
        em,
        env,
        viewer,
        deps.clock.now(),
        `隐患排查治理统计（按${DIMENSION_NAMES[by]}）`,
        [['期间', periodText(from, to, tz)]],
      );
      res
        .type(XLSX_TYPE)
        .setHeader('Cache-Control', 'no-store')
        .setHeader('Content-Disposition', attachment(`隐患统计_按${DIMENSION_NAMES[by]}.xlsx`, `stats-${by}.xlsx`));
      await writeTablesXlsx(res, cover, [table]);
      res.end();
    }),
  );

  app.get(
    '/exports/assessment.xlsx',
    handler('assessment export', async (req, res) => {
      const viewer = await viewerOf(deps, req);
      assertMayExportReports(viewer);
      const kind = oneOf(req, 'kind', AssessmentKind);
      const { from, to } = period(req);
      const em = deps.orm.em.fork();
      const tables = await assessmentTables(em, deps, viewer, kind, from, to);
      const names = { ENTERPRISE: '企业', DEPARTMENT: '科室', CADRE: '干部' } as const;
      const cover = await exportCover(em, env, viewer, deps.clock.now(), `${names[kind]}考核结果`, [
        ['期间', periodText(from, to, tz)],
      ]);
      res
        .type(XLSX_TYPE)
        .setHeader('Cache-Control', 'no-store')
        .setHeader('Content-Disposition', attachment(`${names[kind]}考核结果.xlsx`, `assessment-${kind}.xlsx`));
      await writeTablesXlsx(res, cover, tables);
      res.end();
    }),
  );

  app.get(
    /^\/exports\/quarterly\/([^/]+)\.(xlsx|pdf)$/,
    handler('quarterly export', async (req, res) => {
      const viewer = await viewerOf(deps, req);
      assertMayExportReports(viewer);
      const quarter = parseQuarter(String(req.params[0]), tz);
      const em = deps.orm.em.fork();
      const now = deps.clock.now();
      const table = await quarterlyTable(em, deps, viewer, quarter);
      const cover = await exportCover(em, env, viewer, now, `${quarter.label}隐患排查治理统计表`, [
        ['期间', periodText(quarter.from, quarter.to, tz)],
      ]);
      const file = `${quarter.label}隐患排查治理统计表`;
      const ascii = `quarterly-${quarter.year}-Q${quarter.quarter}`;
      if (String(req.params[1]) === 'xlsx') {
        res
          .type(XLSX_TYPE)
          .setHeader('Cache-Control', 'no-store')
          .setHeader('Content-Disposition', attachment(`${file}.xlsx`, `${ascii}.xlsx`));
        await writeTablesXlsx(res, cover, [table]);
        res.end();
        return;
      }
      const pdf = await quarterlyPdf(
        env.reminders.chromiumPath,
        cover,
        periodText(quarter.from, quarter.to, tz),
        table,
      );
      res
        .type(PDF_TYPE)
        .setHeader('Cache-Control', 'no-store')
        .setHeader('Content-Disposition', attachment(`${file}.pdf`, `${ascii}.pdf`))
        .send(pdf);
    }),
  );
}
