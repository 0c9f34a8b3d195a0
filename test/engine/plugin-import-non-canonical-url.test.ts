// `pulumi import` of a subscription whose URL is not in canonical form (created outside Pulumi as
// https://Hooks.Example.com/…): the generated code previews with a warning, not the canonical-form
// failure; changing to another non-canonical URL still fails.
import * as fs from "node:fs";
import * as path from "node:path";
import { call, useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";

const emulator = useEmulator();

describe("importing a subscription with a non-canonical targetUrl (plugin, YAML)", () => {
  it("previews the generated code with a warning, and fails a change to another non-canonical URL", async () => {
    const project = yamlProject("plugin-import-url");
    project.write("resources: {}\n");
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
    const written = `https://Hooks.Example.com/imported?n=${Date.now()}`;
    const response = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
      body: { target_url: written, subscribed_events: ["message.sent"] },
    });
    expect(response.status).toBe(201);
    const created = response.body as { id: string };

    const generated = path.join(project.dir, "imported.yaml");
    await stack.pulumiOk([
      "import",
      PLUGIN_SUBSCRIPTION_TYPE,
      "outside",
      created.id,
      "--yes",
      "--out",
      generated,
    ]);
    const code = fs.readFileSync(generated, "utf8");
    expect(code).toContain(written);
    // As a user pastes it, unprotected so that destroy may delete it.
    const pasted = (url: string) =>
      code.replace(written, url).replace(/\n\s*options:\n\s*protect: true\n?/, "\n");
    project.write(pasted(written));
    await stack.pulumiOk(["state", "unprotect", "--all", "--yes"]);

    const preview = await stack.pulumiOk(["preview", "--expect-no-changes"]);
    expect(preview.output).toContain(`targetUrl ${JSON.stringify(written)} is not in canonical form`);
    expect(preview.output).toContain("The subscription already has this targetUrl");
    expect(preview.output).toMatch(/warning: targetUrl/);

    project.write(pasted(written.replace("/imported", "/other")));
    const changed = await stack.pulumi(["preview"]);
    expect(changed.code).not.toBe(0);
    expect(changed.output).toContain("property targetUrl value");
    expect(changed.output).toContain("is not in canonical form");

    // Corrected in place: same subscription, canonical URL.
    const canonical = new URL(written).href;
    project.write(pasted(canonical));
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(
      emulator()
        .subscriptions()
        .find((s) => s.id === created.id)?.target_url,
    ).toBe(canonical);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });
});
