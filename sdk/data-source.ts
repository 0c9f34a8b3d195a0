// What every data source of the Node SDK does around its fetch: the config check, the mocks of a unit
// test, and one clear line on failure.
import * as pulumi from "@pulumi/pulumi";
import { refuseChosenProvider } from "./chosen-provider";
import { assertLinqConfig } from "./config-keys";
import { underMocks } from "./mocks";

/**
 * A provider chosen in `opts` (another account) is refused: the fetch runs in the program, with the stack
 * config's account. Under setMocks, the mocks answer under the plugin's token (a unit test opens no connection); otherwise
 * `fetch` runs, and its failure is a RunError, which is shown as its message alone: no stack trace through
 * our modules' paths.
 */
export async function callDataSource<T>(
  token: string,
  args: object,
  opts: pulumi.InvokeOptions | undefined,
  fetch: () => Promise<T>,
): Promise<T> {
  checkDataSourceCall(token, opts);
  if (underMocks()) return (await pulumi.runtime.invoke(token, args, opts)) as T;
  return fetch().catch((err: unknown) => {
    throw oneLine(err instanceof Error ? err.message : String(err));
  });
}

/**
 * What is known before anything is sent: a provider chosen for another account, a misspelled linq:*
 * setting. The Output forms call it at once, so that the program fails where the call is, once.
 */
export function checkDataSourceCall(token: string, opts: pulumi.InvokeOptions | undefined): void {
  const name = token.replace(/^.*:/, "");
  refuseChosenProvider(opts, token, name, name);
  assertLinqConfig();
}

/**
 * A RunError, which @pulumi/pulumi shows as its message alone where the program's run fails; its stack is
 * the message too, for the paths that print a stack (a rejection inside an apply, a promise not awaited).
 */
function oneLine(message: string): pulumi.RunError {
  const err = new pulumi.RunError(message);
  err.stack = message;
  return err;
}
