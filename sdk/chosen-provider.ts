// The Node SDK's resource and data sources act in the Linq account of the stack config: the dynamic
// provider (and the in-program data sources) have no way to take a provider resource. A program that
// chose one, for another account, is refused when it runs instead of being served from the wrong account.
import * as pulumi from "@pulumi/pulumi";
import { PACKAGE_NAME } from "../provider/package-schema";
import { diagnostic, problem } from "../provider/safe-text";

/** The options a resource or an invoke may name a provider in. */
interface ProviderOptions {
  provider?: pulumi.ProviderResource;
  parent?: pulumi.Resource;
}

/**
 * Where the program chose a provider for `token`, if it did: the option itself, or a `linq` provider that
 * @pulumi/pulumi would give a resource or invoke of package linq (its own `providers`, or one inherited
 * from a parent's).
 */
function chosenProvider(opts: ProviderOptions, token: string): string | undefined {
  if (opts.provider) return "the option provider";
  // Not in the typings of a custom resource's options, but honoured by @pulumi/pulumi (JavaScript).
  const { providers } = opts as pulumi.ComponentResourceOptions;
  // mergeOptions keys a list of providers by package, as @pulumi/pulumi does when it picks one.
  const own = pulumi.mergeOptions({}, { providers }).providers;
  if (own && PACKAGE_NAME in own) return `a ${PACKAGE_NAME} provider in the option providers`;
  if (opts.parent?.getProvider(token))
    return `the ${PACKAGE_NAME} provider it inherits from its parent's providers`;
  return undefined;
}

/**
 * Throws a RunError when the options choose a provider: `what` names the resource or call in the message,
 * `api` the same API on pulumi-linq/native, which takes explicit providers.
 */
export function refuseChosenProvider(
  opts: ProviderOptions | undefined,
  token: string,
  what: string,
  api: string,
): void {
  const chosen = opts && chosenProvider(opts, token);
  if (!chosen) return;
  throw new pulumi.RunError(
    diagnostic(
      problem`${what} cannot use ${chosen}: pulumi-linq (the dynamic provider) acts in the stack config's Linq account`,
      `For another account, use ${api} from pulumi-linq/native (the provider plugin), which takes explicit ` +
        `providers; or remove the provider to use the stack's account`,
      "dynamicLimits",
    ),
  );
}
