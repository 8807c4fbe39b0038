import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { importEnterprises } from './import.service.js';
import { ImportReport } from './import.types.js';

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportReport, {
    description:
      'Imports an uploaded registry file (POST /imports) (admin only). dryRun: only check. A real run with any problem writes nothing; a clean one registers every row in one transaction, and with createAccounts opens one account per enterprise with a one-time password (credentialsUrl, downloadable once).',
  })
  importEnterprises(
    @Arg('importId', () => ID) importId: string,
    @Arg('dryRun') dryRun: boolean,
    @Arg('createAccounts', () => Boolean, { nullable: true }) createAccounts: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<ImportReport> {
    return importEnterprises(ctx, requireViewer(ctx), importId, dryRun, createAccounts ?? false);
  }
}
