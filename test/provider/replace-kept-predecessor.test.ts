// A replacement whose predecessor still holds the URL when the new subscription is created: under the
// resource option deleteBeforeReplace: false (the engine creates first) or retainOnDelete (the engine
// skips the delete). The create fails naming both options and the fix, nothing is created twice; with
// deleteBeforeReplace: false and a new URL in the same update, the rotation has no gap.
import { HOSTS, lifecycle } from "../support/lifecycle";
import { subscriptionsAt, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { deleteOutside } from "../support/outside-changes";

const emulator = useEmulator();
const writes = () => writeRequests(emulator()).map((r) => r.method);

describe.each(HOSTS)("on the %s", (host) => {
  it("deleteBeforeReplace: false and the same URL: refused, naming the option, the original kept", async () => {
    const targetUrl = uniqueUrl("create-first");
    const declared = { targetUrl, subscribedEvents: ["message.read"] };
    const hook = lifecycle(host, emulator());
    await hook.up(declared, { deleteBeforeReplace: false });
    const original = hook.id;
    emulator().clearRequests();

    await expect(
      hook.up({ ...declared, rotationTrigger: "2" }, { deleteBeforeReplace: false }),
    ).rejects.toThrow(
      `still holds targetUrl "${targetUrl}", so nothing was created. It is webhook subscription ${original}`,
    );
    expect(writes()).toEqual(["POST"]);
    expect(hook.id).toBe(original);
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([expect.objectContaining({ id: original })]);

    // As the message says: without the option, the rotation deletes first, then creates.
    await expect(hook.up({ ...declared, rotationTrigger: "2" })).resolves.toMatchObject({ op: "replace" });
    expect(hook.id).not.toBe(original);
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([expect.objectContaining({ id: hook.id })]);
  });

  it("deleteBeforeReplace: false and a new URL: the new subscription is created before the old is deleted", async () => {
    const hook = lifecycle(host, emulator());
    await hook.up(
      { targetUrl: uniqueUrl("blue"), subscribedEvents: ["message.read"] },
      { deleteBeforeReplace: false },
    );
    const original = hook.id;
    const green = uniqueUrl("green");
    emulator().clearRequests();

    const step = await hook.up(
      { targetUrl: green, subscribedEvents: ["message.read"], rotationTrigger: "green" },
      { deleteBeforeReplace: false },
    );

    expect(step.calls).toEqual(["check", "diff", "check", "create", "delete"]);
    expect(writes()).toEqual(["POST", "DELETE"]);
    expect(
      emulator()
        .subscriptions()
        .map((s) => s.id),
    ).not.toContain(original);
    expect(subscriptionsAt(emulator(), green)).toEqual([expect.objectContaining({ id: hook.id })]);
  });

  it("retainOnDelete: the kept original blocks the rotation, which says so and creates nothing", async () => {
    const targetUrl = uniqueUrl("retained");
    const declared = { targetUrl, subscribedEvents: ["message.read"] };
    const hook = lifecycle(host, emulator());
    await hook.up(declared, { retainOnDelete: true });
    const original = hook.id;
    emulator().clearRequests();

    await expect(hook.up({ ...declared, rotationTrigger: "2" }, { retainOnDelete: true })).rejects.toThrow(
      `still holds targetUrl "${targetUrl}", so nothing was created. It is webhook subscription ${original}`,
    );
    expect(writes()).toEqual(["POST"]);
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([expect.objectContaining({ id: original })]);

    // As the message says: delete it in Linq and run up again, which completes the rotation.
    await deleteOutside(emulator(), original!);
    await expect(
      hook.up({ ...declared, rotationTrigger: "2" }, { retainOnDelete: true }),
    ).resolves.toMatchObject({ op: "create" });
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([expect.objectContaining({ id: hook.id })]);
    expect(hook.id).not.toBe(original);
  });
});
