import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './hash';
import { passwordProblem, usernameProblem } from './model';

describe('password storage', () => {
  it('hashes with argon2id and the OWASP parameters: 19 MiB, 2 iterations, parallelism 1', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(parseOptions(stored)).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapler')).toBe(false);
  });

  it('salts every hash, so two people with the same password get different hashes', async () => {
    expect(await hashPassword('the same long password')).not.toBe(await hashPassword('the same long password'));
  });

  it('spends about the time of a real verification on an unknown username', async () => {
    const stored = await hashPassword('warm-up password');
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    // Both warmed up, then interleaved and compared by their medians: one slow moment of a busy machine decides nothing.
    await verifyPassword(stored, 'a wrong password');
    expect(await verifyAgainstDummy('a wrong password')).toBe(false);
    const real: number[] = [];
    const dummy: number[] = [];
    for (let i = 0; i < 5; i++) {
      real.push(await timed(() => verifyPassword(stored, 'a wrong password')));
      dummy.push(await timed(() => verifyAgainstDummy('a wrong password')));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
    expect(median(dummy)).toBeGreaterThan(median(real) * 0.3);
  });
});

describe('password rules', () => {
  it('asks for at least 12 characters', () => {
    expect(passwordProblem('short pass1', 'jan')).toBe('password.too_short');
    expect(passwordProblem('twelve chars', 'jan')).toBeUndefined();
  });

  it('refuses a password that is or contains the username', () => {
    expect(passwordProblem('jan.peeters1984', 'jan.peeters')).toBe('password.same_as_username');
    expect(passwordProblem('JAN.PEETERS.X', 'jan.peeters')).toBe('password.same_as_username');
  });

  it('refuses common passwords, also with digits and symbols appended', () => {
    expect(passwordProblem('azertyuiop123', 'jan')).toBe('password.too_common');
    expect(passwordProblem('Bruxelles2024!', 'jan')).toBe('password.too_common');
    expect(passwordProblem('aaaaaaaaaaaaaa', 'jan')).toBe('password.too_common');
  });

  it('accepts a sentence of a few words', () => {
    expect(passwordProblem('le chat dort sur la radio', 'jan')).toBeUndefined();
  });

  it('accepts usernames of letters, digits, dots and @, and refuses spaces', () => {
    expect(usernameProblem('jan.peeters@example.be')).toBeUndefined();
    expect(usernameProblem('jan peeters')).toBe('password.username_format');
    expect(usernameProblem('ja')).toBe('password.username_format');
  });
});
