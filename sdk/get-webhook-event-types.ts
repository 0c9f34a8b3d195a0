// The data source as Pulumi programs use it; the implementation is provider/get-webhook-event-types.ts,
// which the plugin's invoke serves too.
import * as pulumi from "@pulumi/pulumi";
import {
  assertConnectable,
  fetchWebhookEventTypes,
  type FetchedLists,
  type GetWebhookEventTypesArgs,
  type GetWebhookEventTypesResult,
} from "../provider/get-webhook-event-types";
import { GET_WEBHOOK_EVENT_TYPES_TOKEN } from "../provider/package-schema";
import { assertLinqConfig } from "./config-keys";
import { underMocks } from "./mocks";
import { callDataSource } from "./data-source";
import { perRun } from "./per-run";

export type { GetWebhookEventTypesArgs, GetWebhookEventTypesResult };

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
  assertLinqConfig();
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
