import { createLocalStack, type LocalStack } from "../../scripts/lib/local-stack";
import { projectFromFixture } from "../support/projects";

const DYNAMIC = "pulumi-nodejs:dynamic:Resource";

describe("the real pulumi engine with a dynamic provider", () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await createLocalStack({ projectDir: projectFromFixture("smoke") });
  });

  it("previews the resource without creating it", async () => {
    const preview = await stack.pulumiOk(["preview"]);
    expect(preview.output).toMatch(new RegExp(`\\+\\s+${DYNAMIC}\\s+greeting\\s+create`));
    expect(preview.output).toMatch(/\+ 2 to create/);
    expect(() => stack.readState().checkpoint.latest?.resources ?? []).not.toThrow();
    expect(dynamicResources(stack)).toHaveLength(0);
  });

  it("creates it with up and records it in the state file", async () => {
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).toMatch(/\+ 2 created/);
    expect(up.output).toMatch(/message\s*:\s*"hello, linq"/);
    const greeting = dynamicResources(stack)[0]!;
    expect(greeting.id).toBe("greeting-linq");
    expect(greeting.outputs?.message).toBe("hello, linq");
  });

  it("deletes it with destroy and empties the state file", async () => {
    const destroy = await stack.pulumiOk(["destroy", "--yes"]);
    expect(destroy.output).toMatch(/- 2 deleted/);
    expect(dynamicResources(stack)).toHaveLength(0);
  });
});

function dynamicResources(stack: LocalStack) {
  return (stack.readState().checkpoint.latest?.resources ?? []).filter((r) => r.type === DYNAMIC);
}
