// The data source as Pulumi programs use it; the implementation is provider/get-webhook-event-types.ts,
// which the plugin's invoke serves too.
import * as pulumi from "@pulumi/pulumi";
import {
  assertConnectable,
  fetchWebhookEventTypes,
  type FetchedLists,
} from "../provider/get-webhook-event-types";
import { GET_WEBHOOK_EVENT_TYPES_TOKEN } from "../provider/package-schema";
import { underMocks } from "./mocks";
import { callDataSource, checkDataSourceCall } from "./data-source";
import { perRun } from "./per-run";

// The public types are written out here, not inferred from the provider's zod schemas: a declaration that
// reached zod would not compile in a project without esModuleInterop (zod's own .d.cts files need it), as
// Pulumi's TypeScript template is. The compiler holds them to the schemas where the fetch is called.
export interface GetWebhookEventTypesArgs {
  /** Overrides the stack config `linq:apiKey` and LINQ_API_V3_API_KEY. */
  apiKey?: string;
  /** Overrides the stack config `linq:baseUrl` and LINQ_API_V3_BASE_URL. */
  baseUrl?: string;
}

export interface GetWebhookEventTypesResult {
  /** The event type names Linq offers now. */
  events: string[];
  /** Where Linq documents them. */
  docUrl: string;
}

export interface GetWebhookEventTypesOutputArgs {
  apiKey?: pulumi.Input<string>;
  baseUrl?: pulumi.Input<string>;
}

export async function getWebhookEventTypes(
  args: GetWebhookEventTypesArgs = {},
  opts?: pulumi.InvokeOptions,
): Promise<GetWebhookEventTypesResult> {
  return callDataSource(GET_WEBHOOK_EVENT_TYPES_TOKEN, args, opts, () =>
    fetchWebhookEventTypes(pulumi.runtime.getConfig, args, listsOfThisRun(), warnOffline),
  );
}

/** Linq's list may change between two runs of a long-lived Automation API process: one fetch per run. */
const listsOfThisRun = perRun((): FetchedLists => ({}));

const warnOffline = (message: string) => void pulumi.log.warn(message);

export function getWebhookEventTypesOutput(
  args: GetWebhookEventTypesOutputArgs = {},
  opts?: pulumi.InvokeOptions,
): pulumi.Output<GetWebhookEventTypesResult> {
  // A misspelled setting or a missing key is known now: fail here, once. A rejected Output fails too, but
  // its derived promises make @pulumi/pulumi print PromiseRejectionHandledWarnings beside the error.
  checkDataSourceCall(GET_WEBHOOK_EVENT_TYPES_TOKEN, opts);
  if (!underMocks() && Object.values(args).every((v) => v === undefined || typeof v === "string")) {
    try {
      assertConnectable(pulumi.runtime.getConfig, args as GetWebhookEventTypesArgs);
    } catch (err) {
      throw new pulumi.RunError((err as Error).message);
    }
  }
  // The list is public knowledge: a secret API key must not make it a secret.
  return pulumi.unsecret(pulumi.output(args).apply((resolved) => getWebhookEventTypes(resolved, opts)));
}
