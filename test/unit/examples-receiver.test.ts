// examples/receiver accepts what the emulator signs with the subscription's secret, once per event,
// and refuses a tampered body, another subscription's signature and a replay older than 5 minutes, saying
// which; it does not start with what is not a signing secret (a stack output's "null").
import { startReceiver as startExampleReceiver } from "../../examples/receiver/receiver";
import { call, uniqueUrl, useEmulator } from "../support/emulator";
import { startReceiver, type ReceivedRequest } from "../support/webhook-receiver";

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
  // Subscriptions of earlier tests route the event too: take this one's delivery.
  const req = capture.received.find((r) => r.headers["x-webhook-subscription-id"] === created.id);
  if (!req) throw new Error(`no delivery for subscription ${created.id}`);
  return { req, secret: created.signing_secret, other: deleted.signing_secret };
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
      expect(rejected).toEqual([
        expect.stringMatching(
          /^the signature matches none of the 1 signing secret\(s\): the body was changed/,
        ),
        expect.stringMatching(/^webhook-timestamp is (59\d|600|60\d) s behind this machine's clock/),
      ]);
      expect(events).toHaveLength(1);
    } finally {
      await good.close();
      await wrongKey.close();
    }
  });

  it("refuses to start without a secret", async () => {
    await expect(startExampleReceiver({ secrets: [] })).rejects.toThrow(/LINQ_WEBHOOK_SECRET/);
  });

  it("answers 500 when the handler fails, without crashing, and handles the redelivery", async () => {
    const { req, secret } = await signedRequest();
    const handled: unknown[] = [];
    const failures: unknown[] = [];
    let calls = 0;
    const receiver = await startExampleReceiver({
      secrets: [secret],
      onEvent: (e) => {
        // A handler's promise that rejects, as an async handler's does when its work fails.
        if (++calls === 1) return Promise.reject(new Error("database down"));
        handled.push(e);
        return Promise.resolve();
      },
      onEventFailed: (_e, err) => failures.push(err),
    });
    try {
      expect((await replay(receiver.url, req)).status).toBe(500);
      expect((await replay(receiver.url, req)).status).toBe(200);
      expect((await replay(receiver.url, req)).status).toBe(200);
      expect(calls).toBe(2);
      expect(handled).toEqual([JSON.parse(req.body)]);
      expect(failures).toEqual([new Error("database down")]);
    } finally {
      await receiver.close();
    }
  });

  it("answers a redelivery that arrives while the first is being handled only once that is done, 200 only if it succeeded", async () => {
    // Linq redelivers when a handler outlasts its 10 s timeout: the retry comes while the first runs.
    const { req, secret } = await signedRequest();
    let failFirst!: () => void;
    const firstFails = new Promise<void>((resolve) => (failFirst = resolve));
    let calls = 0;
    const handled: unknown[] = [];
    const receiver = await startExampleReceiver({
      secrets: [secret],
      onEvent: async (e) => {
        if (++calls === 1) {
          await firstFails;
          throw new Error("database down");
        }
        handled.push(e);
      },
    });
    try {
      const first = replay(receiver.url, req);
      const redelivery = replay(receiver.url, req);
      // Give the redelivery time to be answered early, as it was (200 while the first still ran).
      await Promise.race([redelivery, new Promise((resolve) => setTimeout(resolve, 500))]);
      failFirst();
      expect((await first).status).toBe(500);
      const answered = (await redelivery).status;
      // A 200 must mean the event was handled: else Linq stops delivering an event nobody handled.
      expect([answered, handled.length]).toEqual(answered === 200 ? [200, 1] : [500, 0]);
      expect((await replay(receiver.url, req)).status).toBe(200);
      expect(handled).toEqual([JSON.parse(req.body)]);
    } finally {
      await receiver.close();
    }
  });

  it("handles an event once per subscription that delivers it, when several forward to it", async () => {
    // The same event, delivered by two subscriptions (one per payload version) under the same webhook-id.
    const subscriptions = await Promise.all(
      ["2025-01-01", "2026-02-03"].map(async (version) => {
        const res = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
          body: { target_url: `${uniqueUrl()}&version=${version}`, subscribed_events: ["message.sent"] },
        });
        return res.body as Created;
      }),
    );
    const handled: string[] = [];
    const receiver = await startExampleReceiver({
      secrets: subscriptions.map((s) => s.signing_secret),
      onEvent: (e) => handled.push(`${e.event_id}@${e.webhook_version}`),
    });
    try {
      emulator().setForwardTo(receiver.url);
      const result = await emulator().trigger({ event: "message.sent", wait: "final" });
      expect(result.deliveries.map((d) => d.last_status)).toEqual([200, 200]);
      expect(handled.sort()).toEqual([`${result.event_id}@2025-01-01`, `${result.event_id}@2026-02-03`]);
    } finally {
      await receiver.close();
    }
  });

  it("fails to start on a port in use with the error, instead of crashing the process", async () => {
    const { secret } = await signedRequest();
    const first = await startExampleReceiver({ secrets: [secret] });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startExampleReceiver({ secrets: [secret], port })).rejects.toMatchObject({
        code: "EADDRINUSE",
      });
    } finally {
      await first.close();
    }
  });

  it("refuses to start with what is not a signing secret, such as the 'null' of a stack output without one", async () => {
    const { secret } = await signedRequest();
    await expect(startExampleReceiver({ secrets: ["null"] })).rejects.toThrow(
      /^the signing secret \(LINQ_WEBHOOK_SECRET\) is "null": the stack does not know .*rotationTrigger/,
    );
    await expect(startExampleReceiver({ secrets: [secret, "sk_live_123"] })).rejects.toThrow(
      /^signing secret 2 of 2 \(LINQ_WEBHOOK_SECRET\) is not a Linq signing secret \(whsec_/,
    );
  });

  it("names why a request was refused: no signature headers, a clock ahead, another subscription", async () => {
    const { req, other } = await signedRequest();
    const rejected: string[] = [];
    const receiver = await startExampleReceiver({ secrets: [other], onRejected: (r) => rejected.push(r) });
    try {
      expect((await fetch(receiver.url, { method: "POST", body: req.body })).status).toBe(400);
      const clock = jest.spyOn(Date, "now").mockReturnValue(Date.now() - 10 * 60 * 1000);
      try {
        expect((await replay(receiver.url, req)).status).toBe(400);
      } finally {
        clock.mockRestore();
      }
      expect((await replay(receiver.url, req)).status).toBe(400);
      expect(rejected).toEqual([
        "no webhook-id, webhook-timestamp or webhook-signature header: not a signed Linq delivery",
        expect.stringMatching(/^webhook-timestamp is (59\d|600|60\d) s ahead of this machine's clock/),
        expect.stringMatching(/^the signature matches none of the 1 signing secret\(s\).*add its secret/),
      ]);
    } finally {
      await receiver.close();
    }
  });
});
