// What every data source of the Node SDK does around its fetch: the config check, the mocks of a unit
// test, and one clear line on failure.
import * as pulumi from "@pulumi/pulumi";
import { assertLinqConfig } from "./config-keys";
import { underMocks } from "./mocks";

/**
 * Under setMocks, the mocks answer under the plugin's token (a unit test opens no connection); otherwise
 * `fetch` runs, and its failure is a RunError, which is shown as its message alone: no stack trace through
 * our modules' paths.
 */
export async function callDataSource<T>(
  token: string,
  args: object,
  opts: pulumi.InvokeOptions | undefined,
  fetch: () => Promise<T>,
): Promise<T> {
  assertLinqConfig();
  if (underMocks()) return (await pulumi.runtime.invoke(token, args, opts)) as T;
  return fetch().catch((err: unknown) => {
    throw new pulumi.RunError(err instanceof Error ? err.message : String(err));
  });
}
