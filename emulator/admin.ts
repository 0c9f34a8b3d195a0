// The emulator's admin endpoints, outside /v3 and without auth: how tests, benchmarks and a person at
// a terminal steer a running emulator and read what it saw.
import { z } from "zod";
import { FaultConfigSchema } from "./faults";
import type { RunningEmulator } from "./controls";
import { UnknownDelivery } from "./delivery";
import type { ApiAnswer } from "./webhook-api";

type Controls = Omit<RunningEmulator, "url" | "close">;

const EventsBody = z
  .object({ events: z.array(z.string().trim().min(1, "a blank event type name")) })
  .strict();
const TriggerBody = z
  .object({
    event: z.string(),
    phone_number: z.string().optional(),
    // Passed on as parsed: a record schema would rebuild the object and drop a `__proto__` key.
    data: z
      .custom<Record<string, unknown>>(
        (v) => typeof v === "object" && v !== null && !Array.isArray(v),
        "expected a JSON object",
      )
      .optional(),
    wait: z.enum(["first-attempt", "final"]).optional(),
  })
  .strict();
const RedeliverBody = TriggerBody.pick({ wait: true }).strict();
const REDELIVER = /^\/__admin\/deliveries\/([^/]+)\/redeliver$/;
const ForwardBody = z.object({ forward_to: z.url().nullable() }).strict();

export async function handleAdmin(
  emulator: Controls,
  method: string,
  path: string,
  rawBody: string,
): Promise<ApiAnswer> {
  const ok = (body: unknown): ApiAnswer => ({ status: 200, body });
  const key = `${method} ${path.replace(/^\/__admin/, "")}`;
  const redelivered = method === "POST" ? REDELIVER.exec(path)?.[1] : undefined;
  try {
    if (redelivered !== undefined) {
      const request = RedeliverBody.parse(JSON.parse(rawBody || "{}"));
      return ok(await emulator.redeliver(decodeURIComponent(redelivered), request));
    }
    switch (key) {
      case "GET /events":
        return ok({ events: emulator.events() });
      case "PUT /events":
        emulator.setEvents(EventsBody.parse(JSON.parse(rawBody)).events);
        return ok({ events: emulator.events() });
      case "GET /faults":
        return ok(emulator.faults());
      case "PUT /faults":
        emulator.setFaults(FaultConfigSchema.parse(JSON.parse(rawBody || "{}")));
        return ok(emulator.faults());
      case "GET /requests":
        return ok({ requests: emulator.requests() });
      case "GET /counters":
        return ok(emulator.counters());
      case "DELETE /requests":
        emulator.clearRequests();
        return { status: 204 };
      case "GET /subscriptions":
        return ok({ subscriptions: emulator.subscriptions() });
      case "DELETE /subscriptions":
        emulator.clearSubscriptions();
        return { status: 204 };
      case "POST /trigger":
        return ok(await emulator.trigger(TriggerBody.parse(JSON.parse(rawBody || "{}"))));
      case "GET /deliveries":
        return ok({ deliveries: emulator.deliveries() });
      case "DELETE /deliveries":
        emulator.clearDeliveries();
        return { status: 204 };
      case "GET /forward-to":
        return ok({ forward_to: emulator.forwardTo() ?? null });
      case "PUT /forward-to":
        emulator.setForwardTo(ForwardBody.parse(JSON.parse(rawBody)).forward_to ?? undefined);
        return ok({ forward_to: emulator.forwardTo() ?? null });
      default:
        return { status: 404, body: { error: `no admin route ${method} ${path}` } };
    }
  } catch (err) {
    return { status: err instanceof UnknownDelivery ? 404 : 400, body: { error: reason(err) } };
  }
}

/** Why a body was refused, in one line: zod's issues by path, or the error's message. */
function reason(err: unknown): string {
  if (err instanceof z.ZodError) {
    return err.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
  }
  return err instanceof Error ? err.message : String(err);
}
