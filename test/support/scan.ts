// Finds secrets where they must not be: each place a text was seen, and which secret it held.
export function leaks(secrets: string[], places: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [place, text] of Object.entries(places)) {
    for (const secret of secrets)
      if (secret && text.includes(secret)) found.push(`${place} holds ${secret.slice(0, 10)}…`);
  }
  return found;
}
