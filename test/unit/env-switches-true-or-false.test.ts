// LINQ_VALIDATE_OFFLINE and LINQ_ADOPT_EXISTING take true or false, as their stack config does: any other
// value (TRUE, 1, yes) is refused naming the variable, where it used to leave the switch silently off.
// Both entry points check the config with configFailures (the plugin's CheckConfig, the Node SDK's
// program) and read the settings with resolveSettings.
import { configFailures } from "../../provider/config-checks";
import { resolveSettings } from "../../provider/settings";

const none = () => undefined;

describe("a switch in the environment", () => {
  it.each(["TRUE", "1", "yes", "on", "False", " true"])("refuses %j, naming the variable", (value) => {
    for (const variable of ["LINQ_VALIDATE_OFFLINE", "LINQ_ADOPT_EXISTING"]) {
      const reasons = configFailures({}, "app", { [variable]: value }).map((f) => f.reason);
      expect(reasons).toEqual([
        `The environment variable ${variable} is ${JSON.stringify(value)}: set it to true or false (or unset it).`,
      ]);
      expect(() => resolveSettings(none, {}, { [variable]: value })).toThrow(reasons[0]);
    }
  });

  it("takes true and false, and leaves an unset or empty one off", () => {
    expect(
      configFailures({}, "app", { LINQ_VALIDATE_OFFLINE: "true", LINQ_ADOPT_EXISTING: "false" }),
    ).toEqual([]);
    expect(
      resolveSettings(none, {}, { LINQ_VALIDATE_OFFLINE: "true", LINQ_ADOPT_EXISTING: "false" }),
    ).toMatchObject({
      validateOffline: true,
      adoptExisting: false,
    });
    expect(resolveSettings(none, {}, { LINQ_ADOPT_EXISTING: "" })).toMatchObject({ adoptExisting: false });
  });

  it("shows a hostile value, of the environment or the config, neutralised and cut", () => {
    const [failure] = configFailures({}, "app", { LINQ_ADOPT_EXISTING: `\x1b]0;x\x07${"y".repeat(100)}` });
    expect(failure?.reason).not.toMatch(/\p{Cc}/u);
    expect(failure?.reason.length).toBeLessThan(160);
    const [config] = configFailures({ validateOffline: `\u202e\x1b[2J${"y".repeat(1000)}` }, "app", {});
    expect(config?.reason).toMatch(
      /^linq:validateOffline is "\\u202e\\u001b\[2Jy+…"\. Set it to true or false\.$/,
    );
    expect(config?.reason.length).toBeLessThan(160);
  });
});
