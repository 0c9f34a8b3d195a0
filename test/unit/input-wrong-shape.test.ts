// check() of an input of the wrong type, or a required one left out: the failure names the property and
// what it must be, as `pulumi preview` shows it.
import { callContext } from "../../provider/call-context";
import { newProcessState } from "../../provider/process-state";
import { webhookSubscription } from "../../provider/webhook-subscription";

const valid = { targetUrl: "https://hooks.example.com/shape", subscribedEvents: ["message.read"] };
const context = () =>
  callContext(newProcessState({ validateOffline: true, adoptExisting: false }), { logWarning: () => {} });

describe("check() of an input of the wrong shape", () => {
  it.each([
    [
      "events as a string",
      { subscribedEvents: "message.read" },
      "subscribedEvents",
      "subscribedEvents must be a list of event type names",
    ],
    ["a string isActive", { isActive: "yes" }, "isActive", "isActive must be true or false"],
    ["no targetUrl", { targetUrl: undefined }, "targetUrl", "targetUrl is required"],
  ])("refuses %s, naming the property and what it must be", async (_label, override, property, message) => {
    const news = Object.fromEntries(
      Object.entries({ ...valid, ...override }).filter(([, v]) => v !== undefined),
    );
    const { failures } = await webhookSubscription.check(context(), {}, news);
    expect(failures.map((f) => [f.property, f.reason])).toEqual([
      [property, expect.stringContaining(message)],
    ]);
  });
});
