/** The template's columns (api.md), in order; an import finds its columns by these headers. */
export const IMPORT_COLUMNS = [
  '企业名称',
  '统一社会信用代码',
  '行业',
  '乡镇',
  '科室',
  '地址',
  '联系人',
  '联系电话',
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns every file must have; the others may be left out. */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['企业名称', '统一社会信用代码', '行业', '乡镇', '科室'];

/** The credentials sheet's columns (api.md). */
export const CREDENTIAL_COLUMNS = ['企业名称', '统一社会信用代码', '用户名', '初始密码'] as const;

/** One data row as read from the file: its row number there and its cells in IMPORT_COLUMNS order. */
export interface ImportRow {
  row: number;
  cells: string[];
}

/** An uploaded registry file may be at most this large. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** More rows than this in one file are refused (a county registry has hundreds to a few thousand). */
export const MAX_IMPORT_ROWS = 20_000;
