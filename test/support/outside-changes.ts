// Changes to the Linq account made outside Pulumi (another tool, the console), through the emulator's
// API as such a tool would make them: what adoption, refresh and the taken-URL check have to find.
import { call, type EmulatorAddress } from "./emulator";

const PATH = "/v3/webhook-subscriptions";

async function ok(response: Promise<{ status: number; body: unknown }>): Promise<{ id: string }> {
  const { status, body } = await response;
  if (status >= 300) throw new Error(`the emulator answered ${status}: ${JSON.stringify(body)}`);
  return body as { id: string };
}

/** A subscription created outside Pulumi: its id. */
export const createOutside = async (
  emulator: EmulatorAddress,
  body: { target_url: string; subscribed_events: string[]; phone_numbers?: string[] },
): Promise<string> => (await ok(call(emulator, "POST", PATH, { body }))).id;

export const updateOutside = (emulator: EmulatorAddress, id: string, body: Record<string, unknown>) =>
  ok(call(emulator, "PUT", `${PATH}/${id}`, { body }));

export const deleteOutside = (emulator: EmulatorAddress, id: string) =>
  call(emulator, "DELETE", `${PATH}/${id}`).then(({ status }) => {
    if (status >= 300) throw new Error(`the emulator answered ${status} to a delete`);
  });
