import { RiskLevel, RISK_LEVELS_DESC } from './risk.enums.js';

/** The lowest LS score of each colour above blue (R14); anything below `medium` is LOW. */
export interface RiskBands {
  major: number;
  high: number;
  medium: number;
}

export const DEFAULT_RISK_BANDS: RiskBands = { major: 20, high: 15, medium: 9 };

/** LS method: likelihood (1–5) × severity (1–5). */
export function riskScore(likelihood: number, severity: number): number {
  return likelihood * severity;
}

export function riskLevelOf(score: number, bands: RiskBands): RiskLevel {
  if (score >= bands.major) return RiskLevel.MAJOR;
  if (score >= bands.high) return RiskLevel.HIGH;
  if (score >= bands.medium) return RiskLevel.MEDIUM;
  return RiskLevel.LOW;
}

/** The strictest of some levels (an enterprise's level is its highest point's); null when there are none. */
export function highestLevel(levels: Iterable<RiskLevel>): RiskLevel | null {
  const present = new Set(levels);
  return RISK_LEVELS_DESC.find((level) => present.has(level)) ?? null;
}

/** Reads `RISK_BANDS` (`MAJOR:20,HIGH:15,MEDIUM:9`); returns a sentence when it is not a valid table. */
export function parseRiskBands(text: string): RiskBands | string {
  const bands: Partial<RiskBands> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(MAJOR|HIGH|MEDIUM):(\d+)$/i.exec(part);
    if (!match) return `RISK_BANDS entries look like MAJOR:20 (got "${part}")`;
    bands[match[1]!.toLowerCase() as keyof RiskBands] = Number(match[2]);
  }
  const merged = { ...DEFAULT_RISK_BANDS, ...bands };
  if (!(merged.major > merged.high && merged.high > merged.medium && merged.medium > 1 && merged.major <= 25))
    return 'RISK_BANDS must rise strictly from MEDIUM to MAJOR, within scores 2–25';
  return merged;
}
