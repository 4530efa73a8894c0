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
