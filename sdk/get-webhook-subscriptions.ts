// The account inventory as Pulumi programs use it; the implementation is provider/get-webhook-subscriptions.ts,
// which the plugin's invoke serves too.
import * as pulumi from "@pulumi/pulumi";
import {
  assertInventoryCallable,
  fetchWebhookSubscriptions,
  type FetchedInventories,
} from "../provider/get-webhook-subscriptions";
import type { GetWebhookEventTypesArgs } from "./get-webhook-event-types";
import { GET_WEBHOOK_SUBSCRIPTIONS_TOKEN } from "../provider/package-schema";
import { callDataSource, checkDataSourceCall } from "./data-source";
import { underMocks } from "./mocks";
import { perRun } from "./per-run";

// Written out, not inferred, for the reason in get-webhook-event-types.ts (no zod in public declarations).
export interface GetWebhookSubscriptionsArgs extends GetWebhookEventTypesArgs {
  /** Only the subscriptions whose targetUrl starts with this string, such as "https://hooks.example.com/". */
  targetUrlPrefix?: string;
  /** Only the subscriptions to this event type, such as "message.received". */
  event?: string;
}

/** A webhook subscription of the account, as Linq lists it (its signing secret is never shown). */
export interface InventorySubscription {
  /** Linq's subscription id. */
  id: string;
  /** Where Linq delivers events. */
  targetUrl: string;
  /** The event types delivered. */
  subscribedEvents: string[];
  /** The phone numbers whose events are delivered; empty: all. */
  phoneNumbers: string[];
  /** Whether Linq delivers events to it. */
  isActive: boolean;
  /** When Linq created it (ISO 8601). */
  createdAt: string;
  /** When Linq last changed it (ISO 8601). */
  updatedAt: string;
}

export interface GetWebhookSubscriptionsResult {
  /** The account's subscriptions that pass the filters, oldest first. */
  subscriptions: InventorySubscription[];
}

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
  checkDataSourceCall(GET_WEBHOOK_SUBSCRIPTIONS_TOKEN, opts);
  // A wrong argument or a setting that makes no connection is known now: fail here, once, as
  // getWebhookEventTypesOutput does (a rejected Output also prints PromiseRejectionHandledWarnings).
  if (!underMocks() && Object.values(args).every((v) => v === undefined || typeof v === "string")) {
    try {
      assertInventoryCallable(pulumi.runtime.getConfig, args);
    } catch (err) {
      throw new pulumi.RunError((err as Error).message);
    }
  }
  return pulumi.output(args).apply((resolved) => getWebhookSubscriptions(resolved, opts));
}
