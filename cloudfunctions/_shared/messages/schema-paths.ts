// Every field path a request schema accepts, found by walking the zod schema itself: the field-label test uses it so
// that a field added to any schema cannot go without its Chinese label. Array positions are not part of a path
// (`availability.weekday` stands for `availability[3].weekday`), as in labelPathOf.
import type * as z from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The dotted paths of every field (objects' own paths included) of `schema`. */
export function fieldPathsOf(schema: z.ZodType, prefix: readonly string[] = []): string[] {
  const def = defOf(schema);
  const here = prefix.length ? [prefix.join('.')] : [];
  switch (def.type) {
    case 'object':
      return [...here, ...Object.entries(def.shape ?? {}).flatMap(([key, field]) => fieldPathsOf(field, [...prefix, key]))];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return fieldPathsOf(def.innerType!, prefix);
    case 'array':
      return [...here, ...fieldPathsOf(def.element!, prefix).filter((path) => !here.includes(path))];
    case 'union':
      return unique([...here, ...(def.options ?? []).flatMap((option) => fieldPathsOf(option, prefix))]);
    case 'intersection':
      return unique([...fieldPathsOf(def.left!, prefix), ...fieldPathsOf(def.right!, prefix)]);
    case 'pipe':
      return unique([...fieldPathsOf(def.in!, prefix), ...fieldPathsOf(def.out!, prefix)]);
    default:
      return here;
  }
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}
