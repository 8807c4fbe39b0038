import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaSource from '../../../../../schema.graphql?raw';
import { EXAMPLE_QUERIES } from './example-queries.js';

const schema = buildSchema(schemaSource);

describe('the analyst page’s example queries', () => {
  it.each(EXAMPLE_QUERIES.map((example) => [example.query.split('\n')[0], example.query]))(
    '%s is valid against the schema',
    (_title, query) => {
      expect(validate(schema, parse(query)).map((error) => error.message)).toEqual([]);
    },
  );

  it('names every operation, so that GraphiQL titles each tab, and opens with the analysts’ collection', () => {
    const names = EXAMPLE_QUERIES.map((example) => {
      const [operation] = parse(example.query).definitions;
      return operation?.kind === 'OperationDefinition' ? operation.name?.value : undefined;
    });
    expect(names.every(Boolean)).toBe(true);
    expect(names.slice(0, 5)).toEqual([
      'ThreeDisplays',
      'DepartmentRanking',
      'MonthlySeries',
      'Ledger',
      'EnterpriseAssessment',
    ]);
  });
});
