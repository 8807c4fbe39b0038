import { describe, expect, it } from 'vitest';
import { ManualClock } from '../common/clock.js';
import { PHOTO_LINK_TTL_MS, PhotoLinks } from './photo-links.js';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('signed photo links', () => {
  it('open one photo until they expire', () => {
    const clock = new ManualClock('2026-11-29T01:00:00Z');
    const links = new PhotoLinks('x'.repeat(32), clock);
    const token = links.sign(ID);
    expect(links.verify(ID, token)).toBe(true);
    expect(links.verify('1f8fad5b-d9cb-469f-a165-70867728950e', token)).toBe(false);
    clock.advance(PHOTO_LINK_TTL_MS + 1);
    expect(links.verify(ID, token)).toBe(false);
  });

  it('are refused under another key', () => {
    const clock = new ManualClock('2026-11-29T01:00:00Z');
    expect(new PhotoLinks('y'.repeat(32), clock).verify(ID, new PhotoLinks('x'.repeat(32), clock).sign(ID))).toBe(
      false,
    );
  });
});
