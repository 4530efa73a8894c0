/**
 * The JSON Schemas of `schemas/`, each compiled once on first use, for validating message bodies
 * and the other protocol documents.
 *
 * @module
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isKindName } from './message.ts';

/** Base of every schema `$id`: `${SCHEMA_ID_BASE}<name>.schema.json`. */
export const SCHEMA_ID_BASE = 'https://partner-sync.dev/schemas/';

/** Names of the schemas that are not message kinds, for {@link SchemaRegistry.validate}. */
export const DOCUMENT_SCHEMAS = [
  'envelope',
  'discovery',
  'inbox-request',
  'inbox-response',
  'receipt',
] as const;

/** A schema name accepted by {@link SchemaRegistry.validate}. */
export type DocumentSchemaName = (typeof DOCUMENT_SCHEMAS)[number];

/**
 * Result of a validation. `pointer` is the JSON pointer of the failing location in the value
 * (`/` for the value itself; for a property that is not allowed, the property's own pointer),
 * `detail` a short message naming it, e.g. `/token: must be string`.
 */
export type SchemaValidationResult = { ok: true } | { ok: false; pointer: string; detail: string };

/** Validators compiled from a schemas folder. */
export interface SchemaRegistry {
  /** The kinds that have a schema, sorted. */
  kinds(): string[];
  /** Whether `kind` has a schema. */
  hasKind(kind: string): boolean;
  /**
   * Validates a message body against its kind's schema. An unknown kind is a failure with
   * pointer `/` (callers should answer `unsupported_kind` after {@link hasKind} first).
   */
  validateBody(kind: string, body: unknown): SchemaValidationResult;
  /** Validates a protocol document against one of the {@link DOCUMENT_SCHEMAS}. */
  validate(schemaName: DocumentSchemaName, value: unknown): SchemaValidationResult;
  /** Compiles every schema now (each is otherwise compiled on first use); throws on a bad one. */
  compileAll(): void;
}

/** Options of {@link createSchemaRegistry}. */
export interface SchemaRegistryOptions {
  /** Folder holding the `*.schema.json` files; default the package's `schemas/` folder. */
  schemasDir?: string | URL;
}

const SUFFIX = '.schema.json';
const addFormats = addFormatsModule.default;

/**
 * Reads every `*.schema.json` of the schemas folder (at call time, synchronously), and checks
 * each against the JSON Schema meta-schema and compiles it with Ajv on first use (JSON Schema
 * 2020-12, strict mode, formats from ajv-formats). A file whose name (without `.schema.json`) is
 * a kind name (`partner.connect`) is that kind's body schema; the others are documents. Each
 * file's `$id` must be `${SCHEMA_ID_BASE}<file name>`.
 *
 * Throws when the folder cannot be read, a file is not JSON or has the wrong `$id`: a broken
 * installation, which the node should report at start-up. A schema that is not a valid schema,
 * or that only strict compilation finds wrong (an unknown keyword), throws at first use, or from
 * {@link SchemaRegistry.compileAll}, which the tests run. (Checking against the meta-schema at
 * start compiled the meta-schema: a fifth of a node's start-up.)
 */
export function createSchemaRegistry(opts?: SchemaRegistryOptions): SchemaRegistry {
  const dirOpt = opts?.schemasDir ?? new URL('../schemas/', import.meta.url);
  const dir = dirOpt instanceof URL ? fileURLToPath(dirOpt) : dirOpt;
  const names: string[] = [];
  const raw = new Map<string, Record<string, unknown>>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(SUFFIX)) continue;
    const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    if (schema.$id !== SCHEMA_ID_BASE + file) {
      throw new Error(`schema ${file}: $id must be ${SCHEMA_ID_BASE + file}`);
    }
    names.push(file.slice(0, -SUFFIX.length));
    raw.set(file.slice(0, -SUFFIX.length), schema);
  }

  // Ajv itself, with every schema added (each can $ref the others), at the first validation:
  // creating it and resolving the schemas' references took a tenth of a node's start-up.
  let ajvInstance: Ajv2020 | undefined;
  const ajvOf = (): Ajv2020 => {
    if (ajvInstance === undefined) {
      const ajv = new Ajv2020({ allErrors: false, strict: true });
      addFormats(ajv);
      for (const schema of raw.values()) ajv.addSchema(schema, undefined, undefined, false);
      ajvInstance = ajv;
    }
    return ajvInstance;
  };

  // Compiled on first use: a node that starts compiles only the kinds it is sent, which keeps its
  // start-up short (compiling all of them took about a second). `compileAll` checks them at once.
  const kindNames = new Set<string>(names.filter((n) => isKindName(n)));
  const docNames = new Set<string>(names.filter((n) => !isKindName(n)));
  const compiled = new Map<string, ValidateFunction>();
  const validatorOf = (name: string): ValidateFunction => {
    let validate = compiled.get(name);
    if (validate === undefined) {
      const ajv = ajvOf();
      if (!ajv.validateSchema(raw.get(name) ?? {})) {
        throw new Error(`schema ${name}: ${ajv.errorsText(ajv.errors)}`);
      }
      validate = ajv.getSchema(SCHEMA_ID_BASE + name + SUFFIX);
      if (validate === undefined) throw new Error(`schema ${name}: not compiled`);
      compiled.set(name, validate);
    }
    return validate;
  };
  const kindList = [...kindNames].sort();

  return {
    kinds: () => [...kindList],
    hasKind: (kind) => kindNames.has(kind),
    validateBody(kind, body) {
      if (!kindNames.has(kind)) {
        return { ok: false, pointer: '/', detail: `/: no schema for kind ${kind.slice(0, 100)}` };
      }
      return run(validatorOf(kind), body);
    },
    validate(schemaName, value) {
      if (!docNames.has(schemaName)) throw new TypeError(`no document schema ${schemaName}`);
      return run(validatorOf(schemaName), value);
    },
    compileAll() {
      for (const name of names) validatorOf(name);
    },
  };
}

let defaultRegistry: SchemaRegistry | undefined;

/**
 * The registry of the package's own `schemas/` folder, created on first use and then shared.
 * Used by {@link parseDiscoveryDocument}; nodes may use it too.
 */
export function getDefaultSchemaRegistry(): SchemaRegistry {
  defaultRegistry ??= createSchemaRegistry();
  return defaultRegistry;
}

function run(validate: ValidateFunction, value: unknown): SchemaValidationResult {
  if (validate(value)) return { ok: true };
  return describe(validate.errors?.[0]);
}

function describe(error: ErrorObject | undefined): SchemaValidationResult {
  if (error === undefined) return { ok: false, pointer: '/', detail: '/: is invalid' };
  let pointer = error.instancePath;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    // The property name comes from the sender: bound it before echoing it back.
    const prop = String(
      (error.params as { additionalProperty?: unknown }).additionalProperty,
    ).slice(0, 100);
    pointer += '/' + prop.replace(/~/g, '~0').replace(/\//g, '~1');
    message = 'is not allowed';
  } else if (error.keyword === 'false schema') {
    message = 'is not allowed';
  } else if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (error.keyword === 'const') {
    message = `must be ${JSON.stringify((error.params as { allowedValue?: unknown }).allowedValue)}`;
  } else {
    // Words for people in place of the validator's (a regular expression helps no one).
    message = plainWords(error) ?? message;
  }
  if (pointer === '') pointer = '/';
  return { ok: false, pointer, detail: `${pointer}: ${message}` };
}

function plainWords(error: ErrorObject): string | undefined {
  const limit = (error.params as { limit?: unknown }).limit;
  const n = typeof limit === 'number' ? limit : undefined;
  switch (error.keyword) {
    case 'pattern':
    case 'format':
      return 'is not in the expected form';
    case 'maxLength':
      return n === undefined ? undefined : `must be at most ${n} characters`;
    case 'minLength':
      return n === 1
        ? 'must not be empty'
        : n === undefined
          ? undefined
          : `must be at least ${n} characters`;
    case 'maxItems':
      return n === undefined ? undefined : `must list at most ${n} items`;
    case 'minItems':
      return n === undefined ? undefined : `must list at least ${n} item${n === 1 ? '' : 's'}`;
    default:
      return undefined;
  }
}
