/** The JSON Schema of the policy format, derived from the zod schema that validates it (one source of truth). */
import { z } from 'zod';
import { PolicyFileSchema } from './schema.js';

export function policyJsonSchema(): Record<string, unknown> {
  return {
    title: 'aarm policy file',
    ...(z.toJSONSchema(PolicyFileSchema, { io: 'input' }) as Record<string, unknown>),
  };
}
