// Secret inputs never appear in what the provider says: check failures, errors and warnings name the
// input ("the secret targetUrl") instead of showing its value. The resource learns which inputs are
// secret from its CallContext (call-context.ts), whose host knows them: the plugin from the engine's
// secret markers, the dynamic provider from its SDK side (the dynamic-provider host hands it plain values).
// Every message built here is also neutralised (safe-text.ts): this is the backstop where messages leave
// the provider, behind the safe messages the client builds.
import { API_KEY_ENV } from "./client/connection";
import type { CallContext } from "./call-context";
import type { ProcessState } from "./process-state";
import { neutralise } from "./safe-text";

/** Secret values seen by this process, by input name: in the process state, never in the state file. */
export type SecretValues = Record<string, string[]>;

/** Records the string values (and list items) of the named inputs, to be redacted from every message. */
export function rememberSecrets(
  known: SecretValues,
  inputs: Record<string, unknown>,
  names: readonly string[],
): void {
  for (const name of names) {
    const values = (known[name] ??= []);
    for (const value of stringsOf(inputs[name])) if (!values.includes(value)) values.push(value);
  }
}

function stringsOf(value: unknown): string[] {
  // Shorter values would garble every message; a secret that short protects nothing anyway.
  if (typeof value === "string") return value.length >= 3 ? [value] : [];
  if (Array.isArray(value)) return [JSON.stringify(value), ...value.flatMap(stringsOf)];
  if (value !== null && typeof value === "object") return [JSON.stringify(value)];
  return [];
}

/** The ways a message may show a value: as is, JSON-quoted, ASCII-escaped, cut short, or as a parsed URL. */
function formsOf(value: string): string[] {
  const candidates = [value];
  try {
    candidates.push(new URL(value).href);
  } catch {
    // not a URL: only the value itself
  }
  return [
    ...new Set(
      candidates.flatMap((s) => {
        const cut = s.length > 200 ? `${s.slice(0, 200)}…` : s;
        return [s, JSON.stringify(s), JSON.stringify(cut), ascii(JSON.stringify(cut))];
      }),
    ),
  ];
}

const ascii = (s: string) =>
  s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * The message with every secret value replaced: "targetUrl "<v>"" reads "the secret targetUrl", an item
 * of a list "phoneNumbers[1] "<v>"" reads "the secret phoneNumbers[1]", the value alone "the secret phoneNumbers";
 * then control characters and escape sequences neutralised (its line breaks kept).
 */
export function redact(message: string, secrets: SecretValues | undefined): string {
  return neutralise(withoutSecrets(message, secrets), true);
}

function withoutSecrets(message: string, secrets: SecretValues | undefined): string {
  let text = message;
  for (const { name, form } of formsByLength(secrets ?? {}, message)) {
    text = text
      .split(`${name} ${form}`)
      .join(`the secret ${name}`)
      .replace(new RegExp(`${escaped(name)}(\\[\\d+\\]) ${escaped(form)}`, "g"), `the secret ${name}$1`)
      .split(form)
      .join(`the secret ${name}`);
  }
  return withoutCutSecrets(text, secrets ?? {}).replace(/\bthe the secret\b/g, "the secret");
}

/** Shorter than this, the start of a value cut with "…" is not taken for a secret's (it says too little). */
const CUT_PREFIX_MIN = 4;

/**
 * A secret that a message's first sentence showed cut short (safe-text.ts, problemOf): the start of its
 * value and "…", which no whole form matches. Each "…" preceded by the start of a secret (as is or
 * JSON-quoted) is replaced with the secret's name, with that start.
 */
function withoutCutSecrets(message: string, secrets: SecretValues): string {
  const starts = Object.entries(secrets).flatMap(([name, values]) =>
    values.flatMap((v) => [JSON.stringify(v), v]).map((form) => ({ name, form })),
  );
  let text = message;
  for (let at = text.indexOf("…"); at >= 0; at = text.indexOf("…", at + 1)) {
    for (const { name, form } of starts) {
      let k = Math.min(form.length, at);
      while (k >= CUT_PREFIX_MIN && text.slice(at - k, at) !== form.slice(0, k)) k--;
      if (k < CUT_PREFIX_MIN) continue;
      // `targetUrl "<start>…"` reads "the secret targetUrl", as the whole value's form does.
      const quoted = form.startsWith('"') && text[at + 1] === '"';
      const label = `${name} `;
      const start =
        quoted && text.slice(at - k - label.length, at - k) === label ? at - k - label.length : at - k;
      const end = quoted && start < at - k ? at + 2 : at + 1;
      const named = `the secret ${name}`;
      text = text.slice(0, start) + named + text.slice(end);
      at = start + named.length - 1;
      break;
    }
  }
  return text;
}

/**
 * Every form of every secret, the longest first across all inputs: a secret that is part of another
 * (of the same input or not) must not cut the longer one before it is replaced whole. A value secret
 * under two names is named after the one the message speaks of.
 */
function formsByLength(secrets: SecretValues, message: string): { name: string; form: string }[] {
  const mentioned = (name: string) => (message.includes(name) ? 1 : 0);
  return Object.entries(secrets)
    .flatMap(([name, values]) => values.flatMap(formsOf).map((form) => ({ name, form })))
    .sort((a, b) => b.form.length - a.form.length || mentioned(b.name) - mentioned(a.name));
}

/** The error with its message (and reasons) redacted and neutralised; the same object, so an id it carries stays. */
export function redactError(err: unknown, secrets: SecretValues | undefined): Error {
  if (!(err instanceof Error)) return new Error(redact(String(err), secrets));
  err.message = redact(err.message, secrets);
  const partial = err as Error & { reasons?: string[] };
  if (Array.isArray(partial.reasons)) partial.reasons = partial.reasons.map((r) => redact(r, secrets));
  if (err.stack) err.stack = redact(err.stack, secrets);
  return err;
}

/** The backstop's secrets: those of the process state, with the API key as one more secret value. */
export function secretsOf(state: ProcessState): SecretValues {
  const apiKey = state.settings?.apiKey || process.env[API_KEY_ENV];
  return apiKey ? { ...state.secrets, "API key": [apiKey] } : state.secrets;
}

type Method = (ctx: CallContext, ...args: never[]) => Promise<unknown>;

/**
 * The resource with every error it throws redacted and neutralised, on either entry point: the backstop
 * for an error message that some code path built without the safe messages of safe-text.ts.
 */
export function scrubbingErrors<R extends { [K in keyof R]: Method }>(resource: R): R {
  const wrapped: Record<string, Method> = {};
  for (const [name, method] of Object.entries<Method>(resource)) {
    wrapped[name] = (ctx, ...args) => {
      const scrub = (err: unknown) => Promise.reject(redactError(err, secretsOf(ctx.process)));
      // Called at once, not after a tick: configure() must have set the settings when it returns.
      try {
        return method(ctx, ...args).catch(scrub);
      } catch (err) {
        return scrub(err);
      }
    };
  }
  return wrapped as R;
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
