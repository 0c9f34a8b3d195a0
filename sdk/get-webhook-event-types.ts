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
import { assertLinqConfig } from "./config-keys";
import { perRun } from "./per-run";

export type { GetWebhookEventTypesArgs, GetWebhookEventTypesResult };

export interface GetWebhookEventTypesOutputArgs {
  apiKey?: pulumi.Input<string>;
  baseUrl?: pulumi.Input<string>;
}

export async function getWebhookEventTypes(
  args: GetWebhookEventTypesArgs = {},
  _opts?: pulumi.InvokeOptions,
): Promise<GetWebhookEventTypesResult> {
  assertLinqConfig();
  return fetchWebhookEventTypes(pulumi.runtime.getConfig, args, listsOfThisRun());
}

/** Linq's list may change between two runs of a long-lived Automation API process: one fetch per run. */
const listsOfThisRun = perRun((): FetchedLists => ({}));

export function getWebhookEventTypesOutput(
  args: GetWebhookEventTypesOutputArgs = {},
  opts?: pulumi.InvokeOptions,
): pulumi.Output<GetWebhookEventTypesResult> {
  // A misspelled setting or a missing key is known now: fail here, once. A rejected Output fails too, but
  // its derived promises make @pulumi/pulumi print PromiseRejectionHandledWarnings beside the error.
  assertLinqConfig();
  if (Object.values(args).every((v) => v === undefined || typeof v === "string")) {
    assertConnectable(pulumi.runtime.getConfig, args as GetWebhookEventTypesArgs);
  }
  // The list is public knowledge: a secret API key must not make it a secret.
  return pulumi.unsecret(pulumi.output(args).apply((resolved) => getWebhookEventTypes(resolved, opts)));
}
