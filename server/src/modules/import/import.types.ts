import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One problem in an import file, where a spreadsheet user would look for it.' })
export class ImportProblem {
  @Field(() => Int, { description: 'The row number in the file (the header is row 1).' })
  row!: number;

  @Field({ description: 'The column’s header, e.g. 统一社会信用代码; 全行 for a problem of the whole row.' })
  column!: string;

  @Field({ description: 'What is wrong, in Chinese.' })
  message!: string;
}

@ObjectType({ description: 'What an import found and did. Any problem means nothing was written.' })
export class ImportReport {
  @Field({ description: 'True: only checked, nothing written.' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Data rows read from the file (blank rows skipped).' })
  rowCount!: number;

  @Field(() => Int, { description: 'Enterprises registered by this run: all rows, or none.' })
  created!: number;

  @Field(() => [ImportProblem], { description: 'Every problem, by row and column; empty when the file is clean.' })
  errors!: ImportProblem[];

  @Field(() => String, {
    nullable: true,
    description:
      'Where the credentials sheet (企业名称, 统一社会信用代码, 用户名, 初始密码) can be downloaded, once, with the admin’s token; set only after a real run with createAccounts.',
  })
  credentialsUrl!: string | null;
}
