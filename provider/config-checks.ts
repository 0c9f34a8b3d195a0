// The provider's configuration (`linq:*` stack config, or an explicit provider's inputs), without its
// namespace, checked against ConfigSchema before anything is sent: a misspelled key is otherwise
// ignored, and a misspelled linq:baseUrl would send the key to Linq's production API. A base URL that
// no request may use is refused here too, once, before any resource is checked.
import { z } from "zod";
import { ConfigurationError, resolveBaseUrl } from "./client";
import { ConfigSchema, PACKAGE_NAME } from "./package-schema";
import { diagnostic, problem, safeMessage, untrusted } from "./safe-text";
import { envSwitchRefusals } from "./settings";
import { suggestEvent } from "./suggest";
import { isUnknown, type CheckFailure } from "./validators";

const KEYS = Object.keys(ConfigSchema.shape);
/**
 * Keys the engine itself keeps among a provider's inputs (pulumi pkg/resource/deploy/providers/registry.go):
 * `version` (a resource's version option, or the Go SDK's), the others at the top on engines before __internal.
 */
const ENGINE_KEYS = ["version", "pluginDownloadURL", "pluginChecksums", "parameterization", "envVarMappings"];
const SWITCHES = Object.entries(ConfigSchema.shape)
  .filter(([, schema]) => schema.unwrap() instanceof z.ZodBoolean)
  .map(([key]) => key);
const named = (key: string) => `${PACKAGE_NAME}:${key}`;
/** Keys and values are the user's: shown neutralised and cut. */
const msg = safeMessage();

/**
 * Each key that is not a setting (with the one it may misspell), and each switch, of the config or of the
 * environment, that is not true or false. A project named like the package keeps its own config under
 * `linq:` too, which the engine hands the provider with its settings: there, only a near miss of a
 * setting is refused.
 */
export function configFailures(
  config: Record<string, unknown>,
  project: string,
  env: NodeJS.ProcessEnv = process.env,
): CheckFailure[] {
  // No property: the engine would show the config's value of one, and a variable is none.
  const fromEnv = envSwitchRefusals(env).map((reason) => ({ property: "", reason }));
  return [...fromEnv, ...keyFailures(config, project), ...baseUrlFailures(config.baseUrl, env)];
}

/**
 * A base URL that no request may use (connection.ts: plain http off this machine, a password, /v3, …),
 * refused here, once for the provider, rather than by every resource's check. A missing key is not: a
 * program whose data sources give their own apiKey needs none in the config.
 */
function baseUrlFailures(baseUrl: unknown, env: NodeJS.ProcessEnv): CheckFailure[] {
  // Unknown during a preview (an explicit provider's output): checked when known.
  if (isUnknown(baseUrl)) return [];
  try {
    resolveBaseUrl({ baseUrl: typeof baseUrl === "string" ? baseUrl : undefined }, env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigurationError)) throw err;
    return [{ property: err.property ?? "", reason: err.message }];
  }
}

function keyFailures(config: Record<string, unknown>, project: string): CheckFailure[] {
  return Object.entries(config).flatMap(([key, value]): CheckFailure[] => {
    if (ENGINE_KEYS.includes(key)) return [];
    if (!KEYS.includes(key)) {
      const near = suggestEvent(key, KEYS);
      if (!near && project === PACKAGE_NAME) return [];
      return [
        {
          // No property: the engine would print the value beside it, and a misspelled linq:apiKey holds
          // the key itself (set without --secret, as an unknown key may well be). The reason names the key.
          property: "",
          reason: diagnostic(problem`${named(key)} is not a setting of the linq provider`, [
            ...(near ? [`Did you mean ${named(near)}?`] : []),
            msg`Its settings are ${KEYS.map(named).join(", ")} (remove this one with 'pulumi config rm ${named(key)}')`,
          ]),
        },
      ];
    }
    if (
      !SWITCHES.includes(key) ||
      isUnknown(value) ||
      [true, false, "true", "false"].includes(value as never)
    )
      return [];
    const shown = untrusted(JSON.stringify(value), 100);
    return [
      { property: key, reason: diagnostic(problem`${named(key)} is ${shown}`, "Set it to true or false") },
    ];
  });
}
