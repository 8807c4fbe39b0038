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
