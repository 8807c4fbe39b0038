import { registerEnumType } from 'type-graphql';

export enum Industry {
  COAL_MINE = 'COAL_MINE',
  NON_COAL_MINE = 'NON_COAL_MINE',
  HAZARDOUS_CHEMICALS = 'HAZARDOUS_CHEMICALS',
  FIREWORKS = 'FIREWORKS',
  OTHER = 'OTHER',
}

registerEnumType(Industry, {
  name: 'Industry',
  description: 'The industry an enterprise is supervised as (煤矿, 非煤矿山, 危险化学品, 烟花爆竹, 其他).',
});

/** The Chinese names the template and imports use (api.md), in the order they are listed. */
export const INDUSTRY_NAMES_ZH: Readonly<Record<Industry, string>> = {
  [Industry.COAL_MINE]: '煤矿',
  [Industry.NON_COAL_MINE]: '非煤矿山',
  [Industry.HAZARDOUS_CHEMICALS]: '危险化学品',
  [Industry.FIREWORKS]: '烟花爆竹',
  [Industry.OTHER]: '其他',
};

/** An industry by its Chinese name (or its enum name), or null. */
export function industryByName(name: string): Industry | null {
  const trimmed = name.trim();
  for (const [industry, zh] of Object.entries(INDUSTRY_NAMES_ZH)) if (zh === trimmed) return industry as Industry;
  return (Object.values(Industry) as string[]).includes(trimmed.toUpperCase())
    ? (trimmed.toUpperCase() as Industry)
    : null;
}
