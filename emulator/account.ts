// The emulated Linq account: its webhook subscriptions and the event types it currently offers,
// optionally persisted to a JSON file so that separate pulumi processes see the same account.
import { randomBytes, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export interface StoredSubscription {
  id: string;
  target_url: string;
  subscribed_events: string[];
  is_active: boolean;
  phone_numbers: string[] | null;
  created_at: string;
  updated_at: string;
  signing_secret: string;
}

export type PublicSubscription = Omit<StoredSubscription, "signing_secret">;

export interface SubscriptionChanges {
  target_url?: string;
  subscribed_events?: string[];
  is_active?: boolean;
  phone_numbers?: string[] | null;
}

interface Snapshot {
  events: string[];
  subscriptions: StoredSubscription[];
}

export interface Account {
  events(): string[];
  setEvents(events: string[]): void;
  list(): StoredSubscription[];
  get(id: string): StoredSubscription | undefined;
  findByTargetUrl(url: string): StoredSubscription | undefined;
  create(fields: {
    target_url: string;
    subscribed_events: string[];
    phone_numbers: string[] | null;
  }): StoredSubscription;
  update(id: string, changes: SubscriptionChanges): StoredSubscription;
  delete(id: string): boolean;
  clear(): void;
}

export function publicView({ signing_secret: _secret, ...rest }: StoredSubscription): PublicSubscription {
  return rest;
}

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** Opens the account, from statePath when it exists there, else with defaultEvents and no subscriptions. */
export function openAccount(defaultEvents: readonly string[], statePath?: string): Account {
  const loaded = statePath && fs.existsSync(statePath) ? readSnapshot(statePath) : undefined;
  let events = loaded?.events ?? [...defaultEvents];
  const subscriptions = new Map((loaded?.subscriptions ?? []).map((s) => [s.id, s]));
  const save = () => {
    if (statePath) writeAtomically(statePath, { events, subscriptions: [...subscriptions.values()] });
  };
  save();

  return {
    events: () => [...events],
    setEvents(next) {
      events = [...next];
      save();
    },
    list: () => [...subscriptions.values()],
    get: (id) => subscriptions.get(id),
    findByTargetUrl: (url) => [...subscriptions.values()].find((s) => s.target_url === url),
    create(fields) {
      const now = new Date().toISOString();
      const sub = { id: randomUUID(), ...fields, is_active: true, created_at: now, updated_at: now };
      subscriptions.set(sub.id, { ...sub, signing_secret: newSigningSecret() });
      save();
      return subscriptions.get(sub.id)!;
    },
    update(id, changes) {
      const current = subscriptions.get(id);
      if (!current) throw new Error(`no subscription ${id}`);
      const next = { ...current, ...changes, updated_at: new Date().toISOString() };
      subscriptions.set(id, next);
      save();
      return next;
    },
    delete(id) {
      const existed = subscriptions.delete(id);
      save();
      return existed;
    },
    clear() {
      subscriptions.clear();
      save();
    },
  };
}

function readSnapshot(statePath: string): Snapshot {
  let snapshot: Partial<Snapshot> | undefined;
  try {
    snapshot = JSON.parse(fs.readFileSync(statePath, "utf8")) as Partial<Snapshot>;
  } catch (err) {
    throw unreadable(statePath, (err as Error).message, err);
  }
  if (!Array.isArray(snapshot?.events) || !Array.isArray(snapshot.subscriptions))
    throw unreadable(statePath, "no events and subscriptions lists");
  return snapshot as Snapshot;
}

const unreadable = (statePath: string, why: string, cause?: unknown) =>
  new Error(
    `the emulator's state file (--state-file) ${statePath} is not an account the emulator saved (${why}): ` +
      `restore it, or move it away to start with an empty account`,
    { cause },
  );

/** Write, flush and rename: a killed emulator leaves either the old file or the new one, never half of one. */
function writeAtomically(statePath: string, snapshot: Snapshot): void {
  fs.mkdirSync(path.dirname(statePath), { recursive: true });
  const tmp = `${statePath}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, JSON.stringify(snapshot, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, statePath);
}
