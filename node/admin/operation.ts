/**
 * One declaration per admin operation. `defineOperation()` is `createRoute()` of
 * @hono/zod-openapi with what every admin operation carries besides: a summary and a description,
 * the roles that may perform it (`x-roles` in the document), the role check and, when it takes a
 * body, the JSON body reader. From the declaration follow the request validation (zod), the
 * handler's types (`c.req.valid(...)`) and the OpenAPI document.
 */
import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { AppError, notFound } from '../errors.ts';
import { fieldOfIssue, inputError } from '../input/parse-input.ts';
import type { AdminEnv } from './admin-env.ts';
import { jsonBody } from './json-body.ts';
import { mayPerform, type Role } from '../domain-kernel/roles.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface OperationHead<M extends Method, P extends string> {
  method: M;
  path: P;
  operationId: string;
  tag: string;
  summary: string;
  /** What the operation does, what it refuses and why: the document's reader has nothing else. */
  description: string;
  /** Roles besides owner and admin that may perform it; `[]` for owner and admin only. */
  roles: readonly Role[];
  /** A JSON body is read (`optional`: a request may carry none, e.g. DELETE with a reason). */
  body?: 'required' | 'optional';
  /** A larger body than the admin API's default (a stock report of 2000 lines). */
  bodyMaxBytes?: number;
}

/** The route config of an operation; spread into `createRoute()` with its request and responses. */
export function operation<M extends Method, P extends string>(head: OperationHead<M, P>) {
  return {
    method: head.method,
    path: head.path,
    operationId: head.operationId,
    tags: [head.tag],
    summary: head.summary,
    description: head.description,
    'x-roles': head.roles,
    middleware: [
      requireRoles(head.roles),
      ...(head.body
        ? [
            jsonBody({
              optional: head.body === 'optional',
              ...(head.bodyMaxBytes !== undefined && { maxBytes: head.bodyMaxBytes }),
            }),
          ]
        : []),
    ] as MiddlewareHandler<AdminEnv>[],
  };
}

export { createRoute as defineOperation };

type RouteParts = Pick<RouteConfig, 'request' | 'responses'>;

/**
 * The declarer of one domain's operations: `declare(head, { request, responses })` is
 * `createRoute({ ...operation({ ...head, tag }), request, responses })`.
 */
export function operationsOf(tag: string) {
  return function declare<M extends Method, P extends string, const R extends RouteParts>(
    head: Omit<OperationHead<M, P>, 'tag'>,
    parts: R,
  ) {
    return createRoute({ ...operation({ ...head, tag }), ...parts });
  };
}

/** A JSON request body of `schema`. */
export function jsonRequest<S extends z.ZodType>(schema: S, options: { optional?: boolean } = {}) {
  return {
    required: !options.optional,
    content: { 'application/json': { schema } },
  };
}

/** A JSON response of `schema`. */
export function jsonResponse<S extends z.ZodType>(description: string, schema: S) {
  return { description, content: { 'application/json': { schema } } };
}

/** Error responses described once in the document's components. */
export const errorResponses = {
  400: { $ref: '#/components/responses/BadRequest' },
  404: { $ref: '#/components/responses/NotFound' },
  409: { $ref: '#/components/responses/Conflict' },
  notOwner: { $ref: '#/components/responses/NotOwner' },
} as const;

/** 403 forbidden_role unless the caller holds one of the operation's roles (or owner, admin). */
export function requireRoles(roles: readonly Role[]): MiddlewareHandler<AdminEnv> {
  return async function requireRolesMiddleware(c, next) {
    const principal = c.get('principal');
    if (!principal || !mayPerform(principal, roles)) {
      throw new AppError(403, 'forbidden_role', 'your role does not allow this operation');
    }
    await next();
  };
}

/**
 * Validation failures in the admin API's error format: a bad query parameter or body field is a
 * 400 invalid_field naming it; a path parameter that cannot name a record is a 404.
 */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target: string },
): void {
  if (result.success) return;
  if (result.target === 'param') {
    throw notFound(`${fieldOfIssue(result.error.issues[0]!)} given`);
  }
  throw inputError(result.error, result.target === 'query' ? 'query parameter' : 'field');
}

/** A router for admin operations: validation failures answer in the admin error format. */
export function createOperationRouter(): OpenAPIHono<AdminEnv> {
  return new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
}

/** What a role-matrix test needs of an operation. */
export interface OperationSummary {
  method: string;
  path: string;
  operationId: string;
  roles: readonly Role[];
}

export function summaryOf(route: RouteConfig & { 'x-roles'?: readonly Role[] }): OperationSummary {
  return {
    method: route.method.toUpperCase(),
    path: route.path,
    operationId: route.operationId!,
    roles: route['x-roles'] ?? [],
  };
}
