import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import { requireViewer, type Context, type Viewer } from '../../graphql/context.js';
import { badInput, forbidden, notFound } from '../../graphql/errors.js';
import { runChange } from '../event/change.js';
import { hashToken } from '../auth/token-hash.js';
import { managesEveryKioskLink, mayCreateKioskLinks } from '../auth/permissions.js';
import { departmentFilter, scopeCoversDepartments, type Scope } from '../auth/scope.js';
import { isUuid, requireId } from '../common/ids.js';
import { Department } from '../department/department.entity.js';
import { text } from '../hazard/filing.rules.js';
import { KioskLink } from './kiosk-link.entity.js';

/** Kiosk tokens say what they are, so that authenticate() looks in the right table and nowhere else. */
export const KIOSK_PREFIX = 'kiosk_';
/** A kiosk viewer's session id: `kiosk:<link id>`, so that revocation can find its sockets. */
export const kioskSessionId = (linkId: string) => `kiosk:${linkId}`;
/** Kiosk links do not expire; they are revoked. The socket's expiry timer needs a date all the same. */
const NEVER = new Date('9999-12-31T00:00:00Z');

export function kioskScope(link: KioskLink): Scope {
  return link.departmentIds ? { kind: 'departments', departmentIds: link.departmentIds } : { kind: 'all' };
}

/** The departments a new link covers: the ones asked for, each within the creator's scope; none asked, the creator's whole scope. */
function linkDepartments(viewer: Viewer, asked: readonly string[] | null | undefined): string[] | null {
  if (!asked || asked.length === 0) {
    const all = departmentFilter(viewer.scope);
    return all && [...all];
  }
  const ids = [...new Set(asked.map((id) => requireId('departmentIds', id)))];
  if (!scopeCoversDepartments(viewer.scope, ids)) {
    throw forbidden('kiosk.outsideScope');
  }
  return ids;
}

export async function createKioskLink(
  ctx: Context,
  label: string,
  departmentIds?: readonly string[] | null,
): Promise<{ link: KioskLink; token: string }> {
  const viewer = requireViewer(ctx);
  if (!mayCreateKioskLinks(viewer)) throw forbidden('kiosk.createRole');
  const checkedLabel = text('label', label, 100, 'kiosk.labelRequired')!;
  const departments = linkDepartments(viewer, departmentIds);
  if (departments && departments.length === 0) throw badInput('kiosk.noDepartment', {}, 'departmentIds');
  if (departments && (await ctx.em.count(Department, { id: { $in: departments } })) !== departments.length) {
    throw badInput('kiosk.unknownDepartment', {}, 'departmentIds');
  }
  const now = ctx.deps.clock.now();
  const token = `${KIOSK_PREFIX}${randomBytes(32).toString('base64url')}`;
  const link = await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const created = tx.create(KioskLink, {
      tokenHash: hashToken(token),
      label: checkedLabel,
      createdBy: viewer.user.id,
      createdAt: now,
      departmentIds: departments,
    });
    await tx.flush();
    await change.audit({
      at: now,
      actorId: viewer.user.id,
      action: 'kiosk.created',
      subjectType: 'kiosk_link',
      subjectId: created.id,
      data: { label: checkedLabel, departmentIds: departments },
    });
    return created;
  });
  return { link, token };
}

/** The links a user may manage: their own; the director and admins see every link. */
export function listKioskLinks(ctx: Context): Promise<KioskLink[]> {
  const viewer = requireViewer(ctx);
  if (!mayCreateKioskLinks(viewer)) return Promise.resolve([]);
  const everyone = managesEveryKioskLink(viewer);
  return ctx.em.find(KioskLink, everyone ? {} : { createdBy: viewer.user.id }, { orderBy: { createdAt: 'desc' } });
}

/** Revokes a link (its creator, the director or an admin); wallboards open with it are disconnected at once. */
export async function revokeKioskLink(ctx: Context, id: string): Promise<KioskLink> {
  const viewer = requireViewer(ctx);
  if (viewer.kiosk) throw forbidden('kiosk.readOnly');
  const linkId = requireId('id', id);
  const now = ctx.deps.clock.now();
  const link = await runChange(ctx.em, ctx.deps.publisher, async (change) => {
    const { tx } = change;
    const found = await tx.findOne(KioskLink, linkId);
    const everyone = managesEveryKioskLink(viewer);
    if (!found || (!everyone && found.createdBy.id !== viewer.user.id)) throw notFound('kiosk.notFound');
    if (!found.revokedAt) {
      found.revokedAt = now;
      await tx.flush();
      await change.audit({
        at: now,
        actorId: viewer.user.id,
        action: 'kiosk.revoked',
        subjectType: 'kiosk_link',
        subjectId: found.id,
        data: { label: found.label },
      });
    }
    // Wallboards open with the link close now, in every process.
    change.afterCommit(() => ctx.deps.sessions.sessionRevoked(kioskSessionId(found.id)));
    return found;
  });
  return link;
}

/** The read-only viewer a kiosk token stands for, or null when it is unknown or revoked. */
export async function authenticateKiosk(em: EntityManager, token: string): Promise<Viewer | null> {
  const link = await em.findOne(KioskLink, { tokenHash: hashToken(token) }, { populate: ['createdBy'] });
  if (!link || link.revokedAt) return null;
  return {
    user: link.createdBy.getEntity(),
    sessionId: kioskSessionId(link.id),
    expiresAt: NEVER,
    scope: kioskScope(link),
    kiosk: { linkId: link.id },
  };
}

/** Of these socket session ids, the kiosk ones whose link has been revoked. */
export async function revokedKioskSessions(em: EntityManager, sessionIds: readonly string[]): Promise<Set<string>> {
  const ids = sessionIds
    .filter((s) => s.startsWith('kiosk:'))
    .map((s) => s.slice('kiosk:'.length))
    .filter(isUuid);
  if (ids.length === 0) return new Set();
  const revoked = await em.find(KioskLink, { id: { $in: ids }, revokedAt: { $ne: null } });
  return new Set(revoked.map((l) => kioskSessionId(l.id)));
}
