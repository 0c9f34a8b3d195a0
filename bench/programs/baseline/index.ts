// The baseline: N dynamic resources (stack config `count`) of the same shape as the subscriptions (the
// same inputs, the same declared outputs, the same secret output) whose provider makes no HTTP calls and
// validates nothing, so that the difference is what pulumi-linq's checks and requests cost.
// (Declaring three outputs and a secret output costs about 1.6 ms per resource in the program.)
import * as pulumi from "@pulumi/pulumi";

const count = new pulumi.Config().requireNumber("count");

const trivial: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news: Record<string, unknown>) {
    return { inputs: news };
  },
  async create(inputs: { targetUrl: string }) {
    return { id: `trivial-${inputs.targetUrl}`, outs: inputs };
  },
};

class Trivial extends pulumi.dynamic.Resource {}

for (let i = 0; i < count; i++) {
  new Trivial(
    trivial,
    `sub-${i}`,
    {
      targetUrl: `https://hooks.example.com/bench?n=${i}`,
      subscribedEvents: ["message.received", "message.read", "message.delivered"],
      phoneNumbers: [`+1415555${String(i).padStart(4, "0")}`],
      signingSecret: undefined,
      createdAt: undefined,
      updatedAt: undefined,
    },
    { additionalSecretOutputs: ["signingSecret"] },
  );
}
