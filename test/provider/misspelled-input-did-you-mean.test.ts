// A misspelled input of WebhookSubscription (or its wire name, `target_url`) is refused at check with the
// input it is near, on both entry points, before any request that writes: the rule of provider/suggest.ts.
import { HOSTS, lifecycle } from "../support/lifecycle";
import { uniqueUrl, useEmulator, writeRequests } from "../support/emulator";

const emulator = useEmulator();
const USE = "Use targetUrl, subscribedEvents, phoneNumbers, isActive, rotationTrigger, adopt.";

describe.each(HOSTS)("on the %s", (host) => {
  it.each([
    ["targetURL", "https://hooks.example.com/x", "targetUrl"],
    ["target_url", "https://hooks.example.com/x", "targetUrl"],
    ["subscribed_events", ["message.read"], "subscribedEvents"],
    ["phoneNumber", ["+14155551234"], "phoneNumbers"],
    ["isactive", false, "isActive"],
    ["rotationTriger", "2", "rotationTrigger"],
    ["adpot", true, "adopt"],
  ])("refuses %j at check, with the input it is near, and writes nothing", async (name, value, near) => {
    emulator().clearRequests();
    const hook = lifecycle(host, emulator());
    const declared = { targetUrl: uniqueUrl("misspelled"), subscribedEvents: ["message.read"] };
    const refused = hook.up({ ...declared, [name]: value });
    await expect(refused).rejects.toThrow(
      `${name}: ${name} is not an input of WebhookSubscription. Did you mean ${near}? ${USE}`,
    );
    expect(hook.recorded).toBeUndefined();
    expect(writeRequests(emulator())).toEqual([]);
  });

  it("makes no guess for a name near no input", async () => {
    const hook = lifecycle(host, emulator());
    const refused = hook.up({ targetUrl: uniqueUrl("far"), subscribedEvents: ["message.read"], team: "a" });
    await expect(refused).rejects.toThrow(`team: team is not an input of WebhookSubscription. ${USE}`);
  });
});
