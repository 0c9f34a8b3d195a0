// examples/receiver accepts what the emulator signs with the subscription's secret, once per event,
// and refuses a tampered body, another subscription's signature and a replay older than 5 minutes.
import { startReceiver as startExampleReceiver } from "../examples/receiver/receiver";
import { call, uniqueUrl, useEmulator } from "./support/emulator";
import { startReceiver, type ReceivedRequest } from "./support/webhook-receiver";

const emulator = useEmulator();

interface Created {
  id: string;
  signing_secret: string;
}

async function signedRequest(): Promise<{ req: ReceivedRequest; secret: string; other: string }> {
  const capture = await startReceiver();
  emulator().setForwardTo(capture.url);
  const [sub, other] = await Promise.all(
    [uniqueUrl(), uniqueUrl()].map((target_url) =>
      call(emulator(), "POST", "/v3/webhook-subscriptions", {
        body: { target_url, subscribed_events: ["message.received"] },
      }),
    ),
  );
  if (!sub || !other) throw new Error("expected two created subscriptions");
  const [created, deleted] = [sub.body, other.body] as [Created, Created];
  await call(emulator(), "DELETE", `/v3/webhook-subscriptions/${deleted.id}`);
  await emulator().trigger({ event: "message.received", wait: "final" });
  await capture.close();
  return { req: capture.received[0]!, secret: created.signing_secret, other: deleted.signing_secret };
}

/** Sends a captured request again, with its signing headers (the transport ones are the new request's). */
function replay(url: string, req: ReceivedRequest, body = req.body) {
  const { "content-length": _l, host: _h, connection: _c, ...headers } = req.headers;
  return fetch(url, { method: "POST", headers, body });
}

describe("examples/receiver", () => {
  it("verifies with the stack's secret, acknowledges a redelivery without handling it twice, refuses forgeries", async () => {
    const { req, secret, other } = await signedRequest();
    const events: unknown[] = [];
    const rejected: string[] = [];
    const good = await startExampleReceiver({
      secrets: [secret],
      onEvent: (e) => events.push(e),
      onRejected: (r) => rejected.push(r),
    });
    const wrongKey = await startExampleReceiver({ secrets: [other] });
    try {
      expect((await replay(good.url, req)).status).toBe(200);
      expect((await replay(good.url, req)).status).toBe(200);
      expect(events).toEqual([JSON.parse(req.body)]);
      const tampered = req.body.replace('"inbound"', '"outbound"');
      expect(tampered).not.toBe(req.body);
      expect((await replay(good.url, req, tampered)).status).toBe(400);
      expect((await replay(wrongKey.url, req)).status).toBe(400);
      // The same delivery replayed 10 minutes later (the receiver's clock moved on).
      const realNow = Date.now();
      const clock = jest.spyOn(Date, "now").mockReturnValue(realNow + 10 * 60 * 1000);
      try {
        expect((await replay(good.url, req)).status).toBe(400);
      } finally {
        clock.mockRestore();
      }
      expect(rejected).toHaveLength(2);
      expect(events).toHaveLength(1);
    } finally {
      await good.close();
      await wrongKey.close();
    }
  });

  it("refuses to start without a secret", async () => {
    await expect(startExampleReceiver({ secrets: [] })).rejects.toThrow(/LINQ_WEBHOOK_SECRET/);
  });
});
