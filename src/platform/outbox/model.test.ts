import { describe, expect, it } from 'vitest';
import { deliveryIdOf, linkify, messageIdFor, pageOf, retryDelayMs } from './model';

describe('retry delays', () => {
  const policy = { maxAttempts: 10, baseMs: 1000, capMs: 10_000 };

  it('double after each failure, between half and all of the step', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 1))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceed the cap, however many attempts failed', () => {
    expect(retryDelayMs(50, policy, () => 1)).toBe(10_000);
    expect(retryDelayMs(50, policy, () => 0)).toBe(5000);
  });
});

describe('message identity', () => {
  it('is the same on every retry and differs once a recreated database reuses an id', () => {
    const first = deliveryIdOf({ id: 7, created_at: new Date('2026-11-24T10:00:00Z') });
    expect(deliveryIdOf({ id: 7, created_at: new Date('2026-11-24T10:00:00Z') })).toBe(first);
    expect(deliveryIdOf({ id: 7, created_at: new Date('2026-12-01T10:00:00Z') })).not.toBe(first);
  });

  it('makes a Message-ID in the domain of the sender', () => {
    expect(messageIdFor('outbox.7.1', 'Sésame <no-reply@sesame.example.be>')).toBe('<outbox.7.1@sesame.example.be>');
    expect(messageIdFor('outbox.7.1', 'no-reply@mail.example.be')).toBe('<outbox.7.1@mail.example.be>');
  });
});

describe('links in plain text', () => {
  it('finds http and https links and leaves the punctuation that ends a sentence', () => {
    expect(linkify('Open https://sesame.test/a?b=1&c=2. Or (http://x.test/y), then stop.')).toEqual([
      'Open ',
      { href: 'https://sesame.test/a?b=1&c=2', text: 'https://sesame.test/a?b=1&c=2' },
      '. Or (',
      { href: 'http://x.test/y', text: 'http://x.test/y' },
      '), then stop.',
    ]);
  });

  it('leaves every other scheme as text', () => {
    const text = 'javascript:alert(1) data:text/html,<b>x</b> ftp://files.test vbscript:x';
    expect(linkify(text)).toEqual([text]);
  });

  it('stops a link at quotes and angle brackets', () => {
    expect(linkify('"https://a.test/x"<b>')).toEqual(['"', { href: 'https://a.test/x', text: 'https://a.test/x' }, '"<b>']);
  });
});

describe('pages', () => {
  it('shows ten per page and a page past the end as the last one', () => {
    expect(pageOf(1, 0, 10)).toEqual({ page: 1, pages: 1, offset: 0, limit: 10 });
    expect(pageOf(2, 21, 10)).toEqual({ page: 2, pages: 3, offset: 10, limit: 10 });
    expect(pageOf(9, 21, 10)).toEqual({ page: 3, pages: 3, offset: 20, limit: 10 });
  });
});
