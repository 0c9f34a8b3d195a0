// The arguments of a data source, checked before any request, the same way on both entry points: a
// misspelled argument (`baseURL`, `targetUrlPrefx`) is refused, not dropped, since a dropped connection
// argument would read the stack's own account and a dropped filter would read everything.
import { z } from "zod";
import type { CheckFailure } from "./validators";
import { diagnostic, problem } from "./safe-text";
import { didYouMean } from "./suggest";

/** The first argument names as a program wrote them (a problem cuts and neutralises them as any user value). */
const firstNames = (names: readonly PropertyKey[]) => names.slice(0, 5).map(String);
const shown = (names: readonly PropertyKey[]) => firstNames(names).join(", ");

type Parsed<S extends z.ZodObject> = { args: z.infer<S>; failures: [] } | { failures: CheckFailure[] };

/** The arguments parsed by `schema`, or the failures that name the data source, each argument and the fix. */
export function checkDataSourceArgs<S extends z.ZodObject>(
  dataSource: string,
  schema: S,
  args: unknown,
): Parsed<S> {
  const parsed = schema.strict().safeParse(args ?? {});
  if (parsed.success) return { args: parsed.data as z.infer<S>, failures: [] };
  const names = Object.keys(schema.shape);
  const known = names.join(", ");
  return {
    failures: parsed.error.issues.map((issue) =>
      issue.code === "unrecognized_keys"
        ? {
            property: String(issue.keys[0]),
            reason: diagnostic(problem`${dataSource} has no argument ${shown(issue.keys)}`, [
              ...didYouMean(firstNames(issue.keys), names),
              `Use ${known}`,
            ]),
          }
        : {
            property: issue.path.join("."),
            reason: diagnostic(
              problem`${dataSource}: the argument ${shown(issue.path)} is invalid (${issue.message})`,
              `Give ${known} as strings`,
            ),
          },
    ),
  };
}

/** The arguments parsed by `schema`, or an Error with the first failure. */
export function parseDataSourceArgs<S extends z.ZodObject>(dataSource: string, schema: S, args: unknown) {
  const parsed = checkDataSourceArgs(dataSource, schema, args);
  if ("args" in parsed) return parsed.args;
  throw new Error(parsed.failures[0]!.reason);
}
