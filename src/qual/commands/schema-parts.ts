import { z } from 'zod';

/** Zod pieces shared by the command schemas. */

export const id = z.string().min(1);
/** A UTF-16 offset into a document's text. */
export const offset = z.number().int().nonnegative();
export const variableType = z.enum(['text', 'integer', 'float', 'boolean', 'date', 'datetime']);
export const variableValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const attributes = z.record(z.string(), variableValue);
export const themeKind = z.enum(['superordinate', 'theme', 'subtheme']);
export const memoTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('project') }),
  ...(['code', 'document', 'segment', 'participant', 'theme', 'category'] as const).map((kind) => z.strictObject({ kind: z.literal(kind), id })),
]);
/** What happens to the children (subcodes, subthemes) or segments of a deleted item: deleted too, or kept under its parent. */
export const keepOrDelete = z.enum(['delete', 'parent']);

export function commandSchema<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.strictObject({ type: z.literal(type), ...shape });
}
