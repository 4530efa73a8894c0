import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createSchemaRegistry,
  REJECTION_CODES,
  REQUEST_ERROR_CODES,
} from '../../protocol/index.ts';
import type {
  InboxRequest,
  InboxResponse,
  InboxResult,
  RejectionCode,
  RequestErrorCode,
  RequestErrorResponse,
} from '../../protocol/index.ts';

type HasKey<T, K extends string> = K extends keyof T ? true : false;

const registry = createSchemaRegistry();
const JWS = 'eyJhbGciOiJFZERTQSJ9.e30.c2ln';
const ID = '0193a5d2-7c1e-7000-8000-000000000001';

// protocol/inbox.ts holds only the types of the inbox exchange; what they promise is that a value
// of each type is a document schemas/inbox-request and inbox-response accept, and that the
// schemas' forms are the ones the types allow.
describe('inbox', () => {
  it('types a request the inbox-request schema accepts', () => {
    const request: InboxRequest = { messages: [JWS, JWS] };
    expect(registry.validate('inbox-request', request)).toEqual({ ok: true });
    expect(registry.validate('inbox-request', { messages: [] } satisfies InboxRequest).ok).toBe(
      false,
    );
  });

  it('types every per-message result the inbox-response schema accepts', () => {
    const results: InboxResult[] = [
      { id: ID, status: 'accepted', receipt: JWS },
      { id: ID, status: 'duplicate', receipt: JWS, message: 'seen before' },
      ...REJECTION_CODES.map((code): InboxResult => ({
        id: null,
        status: 'rejected',
        code,
        message: code,
      })),
      { id: ID, status: 'rejected', code: 'stale' },
    ];
    const response: InboxResponse = { results };
    expect(registry.validate('inbox-response', response)).toEqual({ ok: true });
  });

  it('types every whole-request error the inbox-response schema accepts', () => {
    for (const code of REQUEST_ERROR_CODES) {
      const response: RequestErrorResponse = { error: { code, message: 'try later' } };
      expect(registry.validate('inbox-response', response), code).toEqual({ ok: true });
    }
  });

  it('keeps a receipt off a rejection and a code off an acceptance, as the schema does', () => {
    expectTypeOf<
      Extract<InboxResult, { status: 'rejected' }>['code']
    >().toEqualTypeOf<RejectionCode>();
    expectTypeOf<RequestErrorResponse['error']['code']>().toEqualTypeOf<RequestErrorCode>();
    expectTypeOf<
      HasKey<Exclude<InboxResult, { status: 'rejected' }>, 'code'>
    >().toEqualTypeOf<false>();
    expectTypeOf<
      HasKey<Extract<InboxResult, { status: 'rejected' }>, 'receipt'>
    >().toEqualTypeOf<false>();
    for (const wrong of [
      { id: ID, status: 'rejected', code: 'stale', receipt: JWS },
      { id: ID, status: 'accepted', receipt: JWS, code: 'stale' },
      { id: ID, status: 'accepted' },
      { id: ID, status: 'rejected' },
    ]) {
      expect(
        registry.validate('inbox-response', { results: [wrong] }).ok,
        JSON.stringify(wrong),
      ).toBe(false);
    }
  });
});
