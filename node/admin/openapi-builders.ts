/** Small builders for the OpenAPI document, shared by the core and the domain route files. */
import type {
  OperationObject,
  ParameterObject,
  ResponseOrRef,
  SchemaObject,
} from './openapi-types.ts';

export const json = (schema: SchemaObject) => ({ 'application/json': { schema } });
export const ok = (description: string, schema: SchemaObject): ResponseOrRef => ({
  description,
  content: json(schema),
});
export const response = (name: string) => ({ $ref: `#/components/responses/${name}` });
export const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });

export interface OperationSpec {
  summary: string;
  tag: string;
  description?: string;
  parameters?: Array<ParameterObject | { $ref: string }>;
  /** Request body schema; `optional` when a request may carry none. */
  body?: { schema: SchemaObject; optional?: boolean };
  responses: Record<string, ResponseOrRef>;
}

/** Every operation needs the token, so each can answer 401 and 429; bodies add 400, 413, 415. */
export function operation(operationId: string, spec: OperationSpec): OperationObject {
  const responses: Record<string, ResponseOrRef> = {
    ...spec.responses,
    '401': response('Unauthorized'),
    '429': response('RateLimited'),
  };
  if (spec.body) {
    responses['400'] ??= response('BadRequest');
    responses['413'] = response('PayloadTooLarge');
    responses['415'] = response('UnsupportedMediaType');
  }
  return {
    operationId,
    summary: spec.summary,
    ...(spec.description && { description: spec.description }),
    tags: [spec.tag],
    ...(spec.parameters && { parameters: spec.parameters }),
    ...(spec.body && {
      requestBody: { required: !spec.body.optional, content: json(spec.body.schema) },
    }),
    responses,
  };
}

// Schema atoms and record shapes the domain files (service, funds, orders, inventory, deals,
// portal) all describe the same way; one copy keeps their documents from drifting apart.
export const time: SchemaObject = { type: 'string', format: 'date-time' };
export const timeOrNull: SchemaObject = { type: ['string', 'null'], format: 'date-time' };
export const stringOrNull: SchemaObject = { type: ['string', 'null'] };
export const integerOrNull: SchemaObject = { type: ['integer', 'null'] };
export const date: SchemaObject = { type: 'string', format: 'date' };

/** An object schema that takes no other properties; every property required unless listed. */
export function closedObject(
  properties: Record<string, SchemaObject>,
  required: string[] = Object.keys(properties),
): SchemaObject {
  return { type: 'object', properties, required, additionalProperties: false };
}

/**
 * The counterpart's refusal of our last message about a record (records/refusal-view.ts), as
 * every record view embeds it; null when none stands.
 */
export const recordRefusal = (what: string): SchemaObject => ({
  type: ['object', 'null'],
  properties: {
    status: { type: 'string', enum: ['refused'] },
    code: { type: 'string', description: 'The stable refusal code (PROTOCOL.md section 4).' },
    reason: { type: 'string' },
    kind: { type: 'string', description: 'The kind of the refused message.' },
    messageId: { type: 'string' },
    at: time,
  },
  required: ['status', 'code', 'reason', 'kind', 'messageId', 'at'],
  additionalProperties: false,
  description: `The partner refused our last message about this ${what}; null otherwise.`,
});

/** The partner a record is with, as the record views embed it. */
export const partnerOf: SchemaObject = closedObject({
  id: { type: 'integer' },
  nodeId: stringOrNull,
  name: stringOrNull,
});

/** `{id}` of a record addressed by this node's number or by its wire id. */
export const recordIdParam = (what: string) => ({
  name: 'id',
  in: 'path' as const,
  required: true,
  description: `This node's number for the ${what} (\`id\` in the listing), or its wire id.`,
  schema: { type: 'string' as const, minLength: 1, maxLength: 200 },
});

/** `?partner=`, for a wire id that two partners use. */
export const partnerNarrowingQuery = {
  name: 'partner',
  in: 'query' as const,
  description: 'Partner id or node id: narrows a wire id that two partners use.',
  schema: { type: 'string' as const },
};

/** A page of records under `key`, with the cursor for the next one. */
export const cursorPage = (key: string, item: string): SchemaObject =>
  closedObject({
    [key]: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
    nextCursor: {
      type: ['integer', 'null'],
      description: 'The id of the last record; pass as `after` for the next page.',
    },
  });
