// The emulator's admin endpoints, outside /v3 and without auth: how tests, benchmarks and a person at
// a terminal steer a running emulator and read what it saw.
import { z } from "zod";
import { FaultConfigSchema } from "./faults";
import type { RunningEmulator } from "./server";
import type { ApiAnswer } from "./webhook-api";

type Controls = Omit<RunningEmulator, "url" | "close">;

const EventsBody = z.object({ events: z.array(z.string()) }).strict();

export function handleAdmin(emulator: Controls, method: string, path: string, rawBody: string): ApiAnswer {
  const ok = (body: unknown): ApiAnswer => ({ status: 200, body });
  const key = `${method} ${path.replace(/^\/__admin/, "")}`;
  try {
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
      default:
        return { status: 404, body: { error: `no admin route ${method} ${path}` } };
    }
  } catch (err) {
    return { status: 400, body: { error: err instanceof Error ? err.message : String(err) } };
  }
}
