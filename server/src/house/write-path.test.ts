import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** Every source file of the server, tests, migrations and seeds aside. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [relative(SRC, path)] : [];
  });
}

const files = sources().filter((f) => !f.startsWith('seeders/') && !f.startsWith('testing/'));
const read = (file: string) => readFileSync(join(SRC, file), 'utf8');
const matching = (pattern: RegExp) => files.filter((f) => pattern.test(read(f))).sort();

/** The services whose changes reach the audit chain, each through runChange (docs/architecture.md). */
const WRITING_SERVICES = [
  'modules/account/account.service.ts',
  'modules/alert/alert.service.ts',
  'modules/assessment/assessment.service.ts',
  'modules/auth/auth.service.ts',
  'modules/enforcement/enforcement.service.ts',
  'modules/extension/extension.service.ts',
  'modules/hazard/hazard.service.ts',
  'modules/hazard/lifecycle.service.ts',
  'modules/import/import.service.ts',
  'modules/inspection/inspection.service.ts',
  'modules/kiosk/kiosk.service.ts',
  'modules/photo/photo.service.ts',
  'modules/registry/registry.service.ts',
  'modules/reminders/bulletin.service.ts',
  'modules/reminders/dispatch.service.ts',
  'modules/risk/check.job.ts',
  'modules/risk/check.service.ts',
  'modules/risk/risk.service.ts',
  'modules/snapshot/snapshot.service.ts',
  'modules/supervision/reclassify.service.ts',
];

describe('the one write path (runChange, modules/event/change.ts)', () => {
  it('is the only place that opens a transaction, takes the ledger lock or appends to the chain and the log', () => {
    expect(matching(/\.transactional\(/)).toEqual(['modules/event/change.ts']);
    expect(matching(/takeLedgerLock\(/)).toEqual(['modules/common/ledger-lock.ts', 'modules/event/change.ts']);
    expect(matching(/\.insert(Many)?\((AuditEntry|EventRecord)\b/)).toEqual(['modules/event/change.ts']);
    expect(matching(/chainEntries\(/)).toEqual(['modules/audit/audit.service.ts', 'modules/event/change.ts']);
  });

  it('is what every writing service calls, and the list of them is this one', () => {
    expect(matching(/\brunChange\(/).filter((f) => f !== 'modules/event/change.ts')).toEqual(WRITING_SERVICES);
    const appending = matching(/\.(audit|emit)\(\{|emitHazardEvent\(change/);
    expect(appending.every((f) => WRITING_SERVICES.includes(f))).toBe(true);
  });

  it('leaves only bookkeeping outside it: the image and webhook outboxes and a staged import file (no history, no event)', () => {
    const flushOutside = files.filter((f) => /\bem\.flush\(\)/.test(read(f))).sort();
    expect(flushOutside).toEqual([
      'modules/delivery/delivery.service.ts',
      'modules/import/import.routes.ts',
      'modules/snapshot/snapshot.service.ts',
    ]);
  });
});
