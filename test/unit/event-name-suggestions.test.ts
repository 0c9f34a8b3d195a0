import { editDistance, suggestEvent } from "../../provider/suggest";
import { KNOWN_WEBHOOK_EVENT_TYPES } from "../../provider/constants";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "abc", 0],
    ["abc", "ab", 1],
    ["abc", "abd", 1],
    ["recieved", "received", 1],
    ["kitten", "sitting", 3],
  ])("%j to %j is %d", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("suggestEvent", () => {
  it.each([
    ["message.recieved", "message.received"],
    ["message_received", "message.received"],
    ["Message.Read", "message.read"],
    ["messages.sent", "message.sent"],
    ["received", "message.received"],
    ["chat.typing_indicator.start", "chat.typing_indicator.started"],
    ["call.noanswer", "call.no_answer"],
  ])("suggests %j for %j", (typo, expected) => {
    expect(suggestEvent(typo, KNOWN_WEBHOOK_EVENT_TYPES)).toBe(expected);
  });

  it.each(["payment.succeeded", "x", "message"])(
    "suggests nothing for %j, which is not a near miss",
    (name) => {
      expect(suggestEvent(name, KNOWN_WEBHOOK_EVENT_TYPES)).toBeUndefined();
    },
  );

  it("suggests from the list it is given, not from a compiled-in one", () => {
    expect(suggestEvent("message.sheduled", ["message.scheduled"])).toBe("message.scheduled");
    expect(suggestEvent("message.recieved", ["message.sent"])).toBeUndefined();
  });
});
