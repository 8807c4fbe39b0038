/**
 * DEADLINE_MISSED lateness on province data: hazards filed with a deadline a few seconds ahead,
 * among every open deadline of the generated data, and the time from each deadline to the
 * DEADLINE_MISSED frame on a director's socket; then the server's CPU over an idle stretch.
 */
import { readFileSync } from 'node:fs';
import { rawSubscribe } from '../src/testing/raw-socket.js';

const EVENTS = `subscription { events { kind hazard { title } } }`;
const CLOCK_TICKS = 100;

/** CPU seconds the process has used (user + system), from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

export interface LatenessResult {
  p50: number;
  max: number;
  samples: number;
  idleCpuPercent: number;
}

export async function measureDeadlineLateness(options: {
  url: string;
  pid: number;
  directorToken: string;
  /** Files a hazard of this title due at this instant (an enterprise's `fileHazard`). */
  file: (title: string, deadline: Date) => Promise<unknown>;
  samples: number;
}): Promise<LatenessResult> {
  const deadlines = new Map<string, number>();
  const late: number[] = [];
  const { socket, subscribed } = rawSubscribe(options.url, options.directorToken, EVENTS, {}, (text) => {
    if (!text.includes('DEADLINE_MISSED')) return;
    const title = /"title":"([^"]+)"/.exec(text)?.[1];
    const deadline = title ? deadlines.get(title) : undefined;
    if (deadline !== undefined) late.push(Date.now() - deadline);
  });
  await subscribed;
  for (let i = 0; i < options.samples; i++) {
    const title = `期限基准 ${Date.now()}-${i}`;
    const deadline = Date.now() + 4000 + i * 700;
    deadlines.set(title, deadline);
    await options.file(title, new Date(deadline));
  }
  const until = Date.now() + 60_000;
  while (late.length < options.samples && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  socket.terminate();
  if (late.length < options.samples)
    throw new Error(`deadline lateness: ${late.length} of ${options.samples} DEADLINE_MISSED within a minute`);
  // Idle: no request for ten seconds; what the timers and sweeps cost.
  await new Promise((r) => setTimeout(r, 3000));
  const before = cpuSeconds(options.pid);
  await new Promise((r) => setTimeout(r, 10_000));
  const idleCpuPercent = ((cpuSeconds(options.pid) - before) / 10) * 100;
  const sorted = [...late].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)!, samples: sorted.length, idleCpuPercent };
}
