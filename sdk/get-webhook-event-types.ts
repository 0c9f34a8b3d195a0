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
import { perRun } from "./per-run";

export type { GetWebhookEventTypesArgs, GetWebhookEventTypesResult };

export interface GetWebhookEventTypesOutputArgs {
  apiKey?: pulumi.Input<string>;
  baseUrl?: pulumi.Input<string>;
}

export function getWebhookEventTypes(
  args: GetWebhookEventTypesArgs = {},
  _opts?: pulumi.InvokeOptions,
): Promise<GetWebhookEventTypesResult> {
  return fetchWebhookEventTypes(pulumi.runtime.getConfig, args, listsOfThisRun());
}

/** Linq's list may change between two runs of a long-lived Automation API process: one fetch per run. */
const listsOfThisRun = perRun((): FetchedLists => ({}));

export function getWebhookEventTypesOutput(
  args: GetWebhookEventTypesOutputArgs = {},
  opts?: pulumi.InvokeOptions,
): pulumi.Output<GetWebhookEventTypesResult> {
  // A missing key is known now: fail here, once. A rejected Output fails too, but its derived promises
  // make @pulumi/pulumi print PromiseRejectionHandledWarnings beside the error.
  if (Object.values(args).every((v) => v === undefined || typeof v === "string")) {
    assertConnectable(pulumi.runtime.getConfig, args as GetWebhookEventTypesArgs);
  }
  // The list is public knowledge: a secret API key must not make it a secret.
  return pulumi.unsecret(pulumi.output(args).apply((resolved) => getWebhookEventTypes(resolved, opts)));
}
