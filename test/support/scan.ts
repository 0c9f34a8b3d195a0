import { readFileSync } from "node:fs";
// Finds secrets where they must not be: each place a text was seen, and which secret it held.
export function leaks(secrets: string[], places: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [place, text] of Object.entries(places)) {
    for (const secret of secrets)
      if (secret && text.includes(secret)) found.push(`${place} holds ${secret.slice(0, 10)}…`);
  }
  return found;
}

/** The leaks in a stack's state, the given command outputs and the emulator's log, of the key and every secret the account holds. */
export function stackLeaks(
  stack: { stateFile(): string },
  emulator: { apiKey: string; subscriptions(): { signing_secret: string }[]; requests(): unknown[] },
  outputs: string[],
): string[] {
  const secrets = [emulator.apiKey, ...emulator.subscriptions().map((s) => s.signing_secret)];
  const places: Record<string, string> = {
    state: readFileSync(stack.stateFile(), "utf8"),
    "emulator log": JSON.stringify(emulator.requests()),
  };
  outputs.forEach((text, i) => (places[`command output ${i + 1}`] = text));
  return leaks(secrets, places);
}
