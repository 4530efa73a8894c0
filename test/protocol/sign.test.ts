import { describe, expect, it } from 'vitest';
import {
  buildMessage,
  generateKeyPair,
  importSigningKey,
  signMessage,
  signNewMessage,
  type BuildMessageInput,
  type MessagePayload,
} from '../../protocol/index.ts';

const message = (): MessagePayload =>
  buildMessage({
    kind: 'partner.update',
    from: 'https://partners.acme.example',
    to: 'https://globex.example',
    sentAt: new Date('2027-01-15T12:00:00.000Z'),
    body: { name: 'Acme' },
  });

describe('sign', () => {
  it('refuses to sign what a recipient would reject as malformed (programmer error)', async () => {
    const key = await importSigningKey((await generateKeyPair()).privateJwk);
    await expect(signMessage({ ...message(), v: 2 } as never, key)).rejects.toThrow(
      /^signMessage: /,
    );
    await expect(signMessage({ ...message(), to: 'globex' }, key)).rejects.toThrow(TypeError);
    await expect(signMessage({ ...message(), body: { name: '\ud800' } }, key)).rejects.toThrow(
      /^signMessage: payload is not I-JSON: /,
    );
  });

  it('signs a message it builds as signMessage signs the built payload, checking each part once', async () => {
    const key = await importSigningKey((await generateKeyPair()).privateJwk);
    const input: BuildMessageInput = {
      id: 'm-1',
      kind: 'partner.update',
      from: 'https://partners.acme.example',
      to: 'https://globex.example',
      sentAt: new Date('2027-01-15T12:00:00.000Z'),
      ref: 'm-0',
      body: { name: 'Acme' },
    };
    expect(await signNewMessage(input, key)).toBe(await signMessage(buildMessage(input), key));
    // The envelope is still checked (by buildMessage), and so is the text (I-JSON).
    await expect(signNewMessage({ ...input, to: 'globex' }, key)).rejects.toThrow(TypeError);
    await expect(signNewMessage({ ...input, body: { name: '\ud800' } }, key)).rejects.toThrow(
      /payload is not I-JSON: /,
    );
  });
});
