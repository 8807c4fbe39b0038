import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../server/src/config/env.js';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFile(new URL(path, root), 'utf8');

describe('what a newcomer reads first', () => {
  it('the README opens with the install-and-start line and the test line', async () => {
    const readme = await read('README.md');
    const firstBlock = readme.slice(readme.indexOf('```'), readme.indexOf('```', readme.indexOf('```') + 3));
    expect(firstBlock).toContain('npm i -g pnpm@12.4.2 && pnpm install && pnpm start');
    expect(firstBlock).toContain('pnpm test');
  });

  it('the README and .env.example list every setting the server reads', async () => {
    const readme = await read('README.md');
    const example = await read('.env.example');
    for (const [name] of SETTINGS) {
      expect(readme, name).toContain(`| \`${name}\` |`);
      expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    }
  });
});
