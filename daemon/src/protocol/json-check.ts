/**
 * A small JSON Schema checker for the subset zod's `toJSONSchema` writes for the server messages
 * (type, const, enum, properties, required, additionalProperties, items, lengths, bounds, pattern,
 * anyOf, oneOf, propertyNames). The lean client checks daemon messages with it instead of loading
 * zod (issue 20); `server-message.schema.json` is derived from the zod schemas, and a test keeps it so.
 */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * The rules this checker knows. A schema with any other (a future `.refine`, `z.never`, a tuple…)
 * fails every message it applies to: a rule not checked would be a rule not kept (fail closed).
 */
const KNOWN = new Set([
  '$schema',
  'default',
  'description',
  'type',
  'const',
  'enum',
  'anyOf',
  'oneOf',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
]);

const patterns = new Map<string, RegExp | undefined>();
function compiled(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) {
    try {
      patterns.set(pattern, new RegExp(pattern, 'u'));
    } catch {
      patterns.set(pattern, undefined);
    }
  }
  return patterns.get(pattern);
}

/**
 * The first problem as `path: message`, or undefined when `value` fits. Like zod's parse, it also
 * completes what it checks: a missing field with a `default` gets it, and a field a plain (not
 * strict) object does not declare is dropped, so the client sees what zod would have given it.
 */
export function checkJson(schema: JsonSchema, value: unknown, path: string[] = []): string | undefined {
  const at = (message: string) => `${path.join('.') || 'message'}: ${message}`;
  const unknown = Object.keys(schema).find((keyword) => !KNOWN.has(keyword));
  if (unknown !== undefined) return at(`the schema has a rule this client cannot check (${unknown})`);
  if (Array.isArray(schema.anyOf) && schema.anyOf.length === 0) return at('nothing is allowed here');
  if ('const' in schema && value !== schema.const) return at(`expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    return at(`expected one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => isType(type, value))) return at(`expected ${types.join(' or ')}`);
  }
  if (Array.isArray(schema.anyOf)) {
    const problems = (schema.anyOf as JsonSchema[]).map((sub) => checkJson(sub, value, path));
    if (!problems.includes(undefined)) return problems[0];
  }
  if (Array.isArray(schema.oneOf)) {
    const branches = schema.oneOf as JsonSchema[];
    // A discriminated union: the branch whose constant field the value has says what is wrong.
    const chosen = branches.find((branch) => discriminatorFits(branch, value));
    if (chosen) {
      const problem = checkJson(chosen, value, path);
      if (problem) return problem;
    } else if (branches.filter((branch) => checkJson(branch, value, path) === undefined).length !== 1)
      return at('matches none of the kinds it may be');
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) return at('too short');
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) return at('too long');
    if (typeof schema.pattern === 'string' && !compiled(schema.pattern)?.test(value))
      return at(`does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return at(`below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) return at(`above ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum)
      return at(`not above ${schema.exclusiveMinimum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return at('too many items');
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) return at('too few items');
    if (isSchema(schema.items))
      for (const [index, item] of value.entries()) {
        const problem = checkJson(schema.items, item, [...path, String(index)]);
        if (problem) return problem;
      }
  }
  if (isObject(value)) {
    const properties = isSchema(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
    for (const [name, sub] of Object.entries(properties))
      if (!Object.hasOwn(value, name) && isSchema(sub) && 'default' in sub)
        value[name] = structuredClone(sub.default);
    for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : [])
      if (!Object.hasOwn(value, name)) return checkAt(path, name, 'required');
    // A plain object keeps only what it declares (zod strips the rest).
    if (schema.additionalProperties === undefined && isSchema(schema.properties))
      for (const name of Object.keys(value)) if (!Object.hasOwn(properties, name)) delete value[name];
    for (const [name, item] of Object.entries(value)) {
      if (isSchema(schema.propertyNames)) {
        const problem = checkJson(schema.propertyNames, name, [...path, name]);
        if (problem) return problem;
      }
      const sub = Object.hasOwn(properties, name) ? properties[name] : schema.additionalProperties;
      if (sub === false) return checkAt(path, name, 'not a field of this message');
      if (isSchema(sub)) {
        const problem = checkJson(sub, item, [...path, name]);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

const checkAt = (path: string[], name: string, message: string) => `${[...path, name].join('.')}: ${message}`;

function discriminatorFits(branch: JsonSchema, value: unknown): boolean {
  if (!isObject(value) || !isSchema(branch.properties)) return false;
  const properties = branch.properties as Record<string, JsonSchema>;
  const keyed = Object.entries(properties).filter(([, sub]) => isSchema(sub) && 'const' in sub);
  return keyed.length > 0 && keyed.every(([name, sub]) => value[name] === sub.const);
}

function isType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return false;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isSchema = (value: unknown): value is JsonSchema => isObject(value);
