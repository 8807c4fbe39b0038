import busboy from 'busboy';
import type { Express, Request } from 'express';
import { bearerToken } from '../auth/bearer.js';
import { log } from '../../config/log.js';
import type { AppDeps } from '../../graphql/context.js';
import { refuse } from '../../http/refuse.js';
import { authenticate } from '../auth/auth.service.js';
import { mayAdminister } from '../auth/permissions.js';
import { isUuid } from '../common/ids.js';
import { Department } from '../department/department.entity.js';
import { Township } from '../township/township.entity.js';
import { MAX_IMPORT_BYTES } from './import-columns.js';
import { EnterpriseImport } from './enterprise-import.entity.js';
import { ImportFileError, readImportFile } from './import-file.js';
import { openCredentials, templateWorkbook, XLSX_TYPE } from './import-sheets.js';

/** The one multipart field `file`, in memory, stopping at 5 MiB. */
function readUpload(req: Request): Promise<{ bytes: Buffer; fileName: string }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: MAX_IMPORT_BYTES, fields: 10, parts: 12 },
      });
    } catch {
      reject(new ImportFileError('import.notMultipart'));
      return;
    }
    let found: { bytes: Buffer; fileName: string } | null = null;
    let tooLarge = false;
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || found) return void stream.resume();
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => void (tooLarge = true));
      stream.on('end', () => {
        if (!tooLarge) found = { bytes: Buffer.concat(chunks), fileName: info.filename || 'upload' };
      });
    });
    parser.on('error', () => reject(new ImportFileError('import.badMultipart')));
    parser.on('close', () => {
      if (tooLarge) reject(new ImportFileError('import.tooLarge', {}, 413));
      else if (!found) reject(new ImportFileError('import.noFile'));
      else resolve(found);
    });
    req.pipe(parser);
  });
}

/**
 * `POST /imports` (admin token, multipart `file`: XLSX, or CSV in UTF-8 or GB18030, at most 5 MiB)
 * → {"id"}; `GET /imports/enterprises-template.xlsx`; `GET /imports/:id/credentials.xlsx?key=`, once.
 */
export function mountImports(app: Express, deps: AppDeps): void {
  const admin = async (req: Request) => {
    const viewer = await authenticate(deps.orm.em.fork(), bearerToken(req.headers.authorization), deps.clock.now());
    return { viewer, allowed: !!viewer && !viewer.user.mustChangePassword && mayAdminister(viewer) };
  };

  app.post('/imports', async (req, res) => {
    try {
      const { viewer, allowed } = await admin(req);
      if (!viewer) return refuse(req, res, 401, 'UNAUTHENTICATED', 'auth.signInFirst');
      if (!allowed) return refuse(req, res, 403, 'FORBIDDEN', 'auth.adminOnly');
      const { bytes, fileName } = await readUpload(req);
      const { format, rows } = await readImportFile(bytes);
      const em = deps.orm.em.fork();
      const upload = em.create(EnterpriseImport, {
        uploadedBy: viewer.user.id,
        uploadedAt: deps.clock.now(),
        fileName,
        format,
        rows: JSON.stringify(rows),
      });
      await em.flush();
      res.status(201).json({ id: upload.id, format, rowCount: rows.length });
    } catch (error) {
      if (error instanceof ImportFileError) {
        req.resume();
        return refuse(req, res, error.status, 'BAD_USER_INPUT', error.messageKey, error.messageParams, 'file');
      }
      log.error('import upload failed', error);
      refuse(req, res, 500, 'INTERNAL_SERVER_ERROR', 'common.internal');
    }
  });

  app.get('/imports/enterprises-template.xlsx', async (req, res) => {
    try {
      const em = deps.orm.em.fork();
      const [township] = await em.find(Township, {}, { orderBy: { name: 'asc' }, limit: 1 });
      const [department] = await em.find(Department, {}, { orderBy: { number: 'asc' }, limit: 1 });
      const sheet = await templateWorkbook({
        township: township?.name ?? '码头镇',
        department: department?.name ?? '危险化学品安全监督管理科',
      });
      res
        .type(XLSX_TYPE)
        .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('企业名录导入模板.xlsx')}`)
        .send(sheet);
    } catch (error) {
      log.error('import template failed', error);
      refuse(req, res, 500, 'INTERNAL_SERVER_ERROR', 'common.internal');
    }
  });

  app.get('/imports/:id/credentials.xlsx', async (req, res) => {
    try {
      const { viewer, allowed } = await admin(req);
      if (!viewer) return refuse(req, res, 401, 'UNAUTHENTICATED', 'auth.signInFirst');
      if (!allowed) return refuse(req, res, 403, 'FORBIDDEN', 'auth.adminOnly');
      const id = String(req.params.id);
      const key = typeof req.query.key === 'string' ? req.query.key : '';
      const em = deps.orm.em.fork();
      const upload = isUuid(id) ? await em.findOne(EnterpriseImport, id, { populate: ['credentials'] }) : null;
      const sheet = upload?.credentials && key ? openCredentials(upload.credentials, key) : null;
      if (!upload || !sheet) return refuse(req, res, 404, 'NOT_FOUND', 'import.credentialsGone');
      // Served once: the sealed sheet is gone before the bytes leave.
      const taken = await em.nativeUpdate(EnterpriseImport, { id, credentials: { $ne: null } }, { credentials: null });
      if (taken === 0) return refuse(req, res, 404, 'NOT_FOUND', 'import.credentialsTaken');
      res
        .type(XLSX_TYPE)
        .setHeader('Cache-Control', 'no-store')
        .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('企业初始账号.xlsx')}`)
        .send(sheet);
    } catch (error) {
      log.error('credentials download failed', error);
      refuse(req, res, 500, 'INTERNAL_SERVER_ERROR', 'common.internal');
    }
  });
}
