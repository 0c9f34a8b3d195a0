// The account inventory as Pulumi programs use it; the implementation is provider/get-webhook-subscriptions.ts,
// which the plugin's invoke serves too.
import * as pulumi from "@pulumi/pulumi";
import {
  fetchWebhookSubscriptions,
  type FetchedInventories,
  type GetWebhookSubscriptionsArgs,
  type GetWebhookSubscriptionsResult,
  type InventorySubscription,
} from "../provider/get-webhook-subscriptions";
import { assertLinqConfig } from "./config-keys";
import { GET_WEBHOOK_SUBSCRIPTIONS_TOKEN } from "../provider/package-schema";
import { callDataSource } from "./data-source";
import { perRun } from "./per-run";

export type { GetWebhookSubscriptionsArgs, GetWebhookSubscriptionsResult, InventorySubscription };

export interface GetWebhookSubscriptionsOutputArgs {
  apiKey?: pulumi.Input<string>;
  baseUrl?: pulumi.Input<string>;
  targetUrlPrefix?: pulumi.Input<string>;
  event?: pulumi.Input<string>;
}

export async function getWebhookSubscriptions(
  args: GetWebhookSubscriptionsArgs = {},
  opts?: pulumi.InvokeOptions,
): Promise<GetWebhookSubscriptionsResult> {
  return callDataSource(GET_WEBHOOK_SUBSCRIPTIONS_TOKEN, args, opts, () =>
    fetchWebhookSubscriptions(pulumi.runtime.getConfig, args, inventoriesOfThisRun()),
  );
}

/** The account changes between two runs of a long-lived Automation API process: one read per run. */
const inventoriesOfThisRun = perRun((): FetchedInventories => ({}));

export function getWebhookSubscriptionsOutput(
  args: GetWebhookSubscriptionsOutputArgs = {},
  opts?: pulumi.InvokeOptions,
): pulumi.Output<GetWebhookSubscriptionsResult> {
  assertLinqConfig();
  return pulumi.output(args).apply((resolved) => getWebhookSubscriptions(resolved, opts));
}
