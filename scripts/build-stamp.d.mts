export interface BuildInputs {
  /** Files and folders the build reads, relative to the repository root. */
  paths: string[];
  /** Where the build's output keeps the hash of the sources it was built from. */
  stamp: string;
}
export const ROOT: string;
export const INPUTS: { dashboard: BuildInputs; server: BuildInputs };
export function sourceHash(paths: string[], root?: string): string;
export function isFresh(inputs: BuildInputs, root?: string): boolean;
export function writeStamp(inputs: BuildInputs, root?: string): void;
