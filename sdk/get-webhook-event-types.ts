// The data source: the event types a subscription may use right now, from GET /v3/webhook-events.
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { createLinqClient, resolveConnection } from "../provider/client";
import { clientOptions, resolveSettings } from "../provider/settings";

export interface GetWebhookEventTypesArgs {
  /** Overrides the stack config `linq:apiKey` and LINQ_API_V3_API_KEY. */
  apiKey?: string;
  /** Overrides the stack config `linq:baseUrl` and LINQ_API_V3_BASE_URL. */
  baseUrl?: string;
}

export interface GetWebhookEventTypesOutputArgs {
  apiKey?: pulumi.Input<string>;
  baseUrl?: pulumi.Input<string>;
}

export interface GetWebhookEventTypesResult {
  events: string[];
  docUrl: string;
}

/** One request per process and connection, however often the data source is called. */
const fetched: Record<string, Promise<GetWebhookEventTypesResult>> = {};

export function getWebhookEventTypes(
  args: GetWebhookEventTypesArgs = {},
  _opts?: pulumi.InvokeOptions,
): Promise<GetWebhookEventTypesResult> {
  try {
    const options = clientOptions(resolveSettings(pulumi.runtime.getConfig, args));
    const { baseUrl, apiKey } = resolveConnection(options);
    const key = `${baseUrl} ${createHash("sha256").update(apiKey).digest("hex")}`;
    return (fetched[key] ??= createLinqClient(options)
      .webhookEvents.list()
      .then((list) => ({ events: list.events, docUrl: list.doc_url }))
      .catch((err: unknown) => {
        delete fetched[key];
        throw prefixed(err);
      }));
  } catch (err) {
    return Promise.reject(prefixed(err));
  }
}

export function getWebhookEventTypesOutput(
  args: GetWebhookEventTypesOutputArgs = {},
  opts?: pulumi.InvokeOptions,
): pulumi.Output<GetWebhookEventTypesResult> {
  // A missing key is known now: fail here, once. A rejected Output fails too, but its derived promises
  // make @pulumi/pulumi print PromiseRejectionHandledWarnings beside the error.
  if (Object.values(args).every((v) => v === undefined || typeof v === "string")) {
    try {
      resolveConnection(
        clientOptions(resolveSettings(pulumi.runtime.getConfig, args as GetWebhookEventTypesArgs)),
      );
    } catch (err) {
      throw prefixed(err);
    }
  }
  // The list is public knowledge: a secret API key must not make it a secret.
  return pulumi.unsecret(pulumi.output(args).apply((resolved) => getWebhookEventTypes(resolved, opts)));
}

function prefixed(err: unknown): Error {
  const error = err instanceof Error ? err : new Error(String(err));
  error.message = `getWebhookEventTypes: ${error.message}`;
  return error;
}
