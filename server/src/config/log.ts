/** The server's one voice: plain lines on stdout/stderr. The test harness silences info and warnings. */
export const log = {
  quiet: false,
  info(message: string, ...rest: unknown[]) {
    if (!log.quiet) console.log(`[hazardloop] ${message}`, ...rest);
  },
  warn(message: string, ...rest: unknown[]) {
    if (!log.quiet) console.warn(`[hazardloop] ${message}`, ...rest);
  },
  error(message: string, ...rest: unknown[]) {
    console.error(`[hazardloop] ${message}`, ...rest);
  },
};
