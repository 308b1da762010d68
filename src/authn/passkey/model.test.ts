import { describe, expect, it } from 'vitest';
import { authenticationCredential, parseCredential, registrationCredential, relyingParty } from './model';

describe('passkey rules', () => {
  it('takes the relying party id and origin from the public address', () => {
    expect(relyingParty('https://sesame.example.be')).toEqual({ rpID: 'sesame.example.be', origin: 'https://sesame.example.be', rpName: 'Sésame' });
    expect(relyingParty('http://localhost:3000')).toMatchObject({ rpID: 'localhost', origin: 'http://localhost:3000' });
  });

  it('reads a well-formed answer and refuses anything else without throwing', () => {
    const answer = { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: 'x', authenticatorData: 'y', signature: 'z' } };
    expect(parseCredential(authenticationCredential, JSON.stringify(answer))).toMatchObject({ id: 'abc', clientExtensionResults: {} });
    expect(parseCredential(authenticationCredential, 'not json')).toBeUndefined();
    expect(parseCredential(authenticationCredential, JSON.stringify({ ...answer, type: 'password' }))).toBeUndefined();
    expect(parseCredential(registrationCredential, JSON.stringify(answer))).toBeUndefined();
    expect(parseCredential(authenticationCredential, JSON.stringify({ ...answer, id: 'a+b/c' }))).toBeUndefined();
  });
});
