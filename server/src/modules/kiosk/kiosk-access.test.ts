import { readdir, readFile } from 'node:fs/promises';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { kioskRefusal } from './kiosk-access.js';

const dashboard = new URL('../../../../dashboard/src/features/', import.meta.url);

/** The documents a wallboard opened by a kiosk link sends, fragments included. */
async function wallboardDocuments(): Promise<string> {
  const texts: string[] = [];
  for (const folder of ['wallboard/graphql/', 'alerts/graphql/']) {
    for (const file of await readdir(new URL(folder, dashboard))) {
      const text = await readFile(new URL(folder + file, dashboard), 'utf8');
      if (!/^\s*mutation|KioskLinks/.test(text)) texts.push(text);
    }
  }
  return texts.join('\n');
}

describe('what a kiosk link may ask', () => {
  it('lets every query and subscription of the dashboard’s wallboard through', async () => {
    const document = parse(await wallboardDocuments());
    for (const definition of document.definitions) {
      if (definition.kind !== 'OperationDefinition') continue;
      expect(kioskRefusal(document, definition.name!.value), definition.name!.value).toBeNull();
    }
  });

  it('refuses walking from an alert on to the enterprise’s hazards, history or photos', () => {
    for (const query of [
      `{ alerts { enterprise { hazards { totalCount } } } }`,
      `{ alerts { hazard { history { action } } } }`,
      `{ alerts { hazard { ...P } } } fragment P on Hazard { photos { id } }`,
      `subscription { events { hazard { measures } } }`,
    ]) {
      expect(kioskRefusal(parse(query))?.messageKey, query).toBe('kiosk.wallboardOnly');
    }
  });

  it('refuses other top-level fields and every mutation', () => {
    expect(kioskRefusal(parse(`{ hazards { totalCount } }`))?.messageParams).toEqual({ name: 'hazards' });
    expect(kioskRefusal(parse(`mutation { logout }`))?.messageKey).toBe('kiosk.readOnly');
  });
});
