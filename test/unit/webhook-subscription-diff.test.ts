// diff() decides update in place or replace; it needs no HTTP.
import * as pulumi from "@pulumi/pulumi";
import { callContext } from "../../provider/call-context";
import { newProcessState } from "../../provider/process-state";
import { webhookSubscription } from "../../provider/webhook-subscription";

const current = {
  targetUrl: "https://hooks.example.com/a",
  subscribedEvents: ["message.sent", "message.read"],
  phoneNumbers: ["+14155551234"],
  isActive: true,
  signingSecret: "whsec_x",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};
const declared = {
  targetUrl: current.targetUrl,
  subscribedEvents: current.subscribedEvents,
  phoneNumbers: current.phoneNumbers,
};
const diff = (news: Record<string, unknown>, olds: Record<string, unknown> = current) =>
  webhookSubscription.diff(callContext(newProcessState()), olds, news);

describe("WebhookSubscription diff", () => {
  it("sees no change when nothing differs, whatever the order of events and phone numbers", async () => {
    await expect(diff(declared)).resolves.toMatchObject({ changes: false, replaces: [] });
    await expect(
      diff({ ...declared, subscribedEvents: ["message.read", "message.sent"], isActive: true }),
    ).resolves.toMatchObject({ changes: false });
  });

  it("treats an absent isActive as true and an absent phone filter as empty", async () => {
    await expect(
      diff({ ...declared, phoneNumbers: undefined }, { ...current, phoneNumbers: undefined }),
    ).resolves.toMatchObject({
      changes: false,
    });
    await expect(diff({ ...declared, isActive: false })).resolves.toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it.each([
    ["targetUrl", { targetUrl: "https://hooks.example.com/b" }, "targetUrl"],
    ["subscribedEvents", { subscribedEvents: ["message.sent"] }, "subscribedEvents"],
    ["phoneNumbers", { phoneNumbers: [] }, "phoneNumbers"],
    [
      "an unknown event",
      { subscribedEvents: ["message.sent", pulumi.runtime.unknownValue] },
      "subscribedEvents",
    ],
  ])("updates in place when %s changes, naming the field", async (_label, change, field) => {
    await expect(diff({ ...declared, ...change })).resolves.toEqual({
      changes: true,
      replaces: [],
      diffs: [field],
      deleteBeforeReplace: true,
    });
  });

  it("replaces, deleting first, only when rotationTrigger changes", async () => {
    await expect(diff({ ...declared, rotationTrigger: "2027" })).resolves.toEqual({
      changes: true,
      replaces: ["rotationTrigger"],
      diffs: ["rotationTrigger"],
      deleteBeforeReplace: true,
    });
  });
});
