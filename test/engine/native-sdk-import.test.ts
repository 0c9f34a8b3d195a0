// `pulumi import` for a TypeScript program (pulumi-linq/native), as the README's steps go: the import
// takes a subscription made outside Pulumi into the stack, the program declares it with the inputs the
// import recorded (the code a current Pulumi CLI writes, on pulumi-linq/native, the schema's Node.js
// package), preview then has no change, and the program manages it from then on.
// The engine here has the Node.js language host of v3.68.0, which cannot write the code itself
// (GenerateProgram came later): the test writes the same declaration from the recorded inputs.
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/local-stack";
import { call, useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { nativeProject } from "../support/native-project";
import { PLUGIN_SUBSCRIPTION_TYPE } from "../support/plugin";

const emulator = useEmulator();

describe("pulumi import on pulumi-linq/native", () => {
  it("names pulumi-linq/native as the package of the code pulumi import writes", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "schema.json"), "utf8")) as {
      language: { nodejs: { packageName: string } };
    };
    expect(schema.language.nodejs.packageName).toBe("pulumi-linq/native");
  });

  it("imports a subscription that the program then declares with the recorded inputs: no change at preview, managed after", async () => {
    const project = nativeProject("native-import", `import "pulumi-linq/native";\n`);
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    const created = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
      body: {
        target_url: "https://hooks.example.com/made-by-hand",
        subscribed_events: ["message.received", "message.read"],
        phone_numbers: ["+14155551234"],
      },
    });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };

    await stack.pulumiOk([
      "import",
      PLUGIN_SUBSCRIPTION_TYPE,
      "made-by-hand",
      id,
      "--yes",
      "--generate-code=false",
    ]);
    const imported = stack.readState().checkpoint.latest?.resources?.find((r) => r.id === id);
    expect(imported?.inputs).toMatchObject({ targetUrl: "https://hooks.example.com/made-by-hand" });
    const code = [
      'import * as linq from "pulumi-linq/native";',
      "",
      `new linq.WebhookSubscription("made-by-hand", ${JSON.stringify(imported?.inputs, null, 2)}, { protect: true });`,
      "",
    ].join("\n");

    project.write(code);
    await stack.pulumiOk(["preview", "--expect-no-changes"]);

    // Managed from now on: a change to the program reaches the same subscription.
    project.write(code.replace('"message.read"', '"message.delivered"'));
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(emulator().subscriptions()).toEqual([
      expect.objectContaining({ id, subscribed_events: ["message.received", "message.delivered"] }),
    ]);
  });
});
