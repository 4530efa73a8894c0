/** The portal's form reader, for the console's routers (the same `form` variable). */
import type { MiddlewareHandler } from 'hono';
import { formBody } from '../../portal/web/form-body.ts';
import type { ConsoleEnv } from './console-env.ts';

export const consoleFormBody = (): MiddlewareHandler<ConsoleEnv> =>
  formBody() as unknown as MiddlewareHandler<ConsoleEnv>;
