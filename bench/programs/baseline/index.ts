// The baseline: N dynamic resources (stack config `count`) that make no HTTP calls, with the same
// inputs as the subscriptions, so that the difference is what pulumi-linq itself costs.
import * as pulumi from "@pulumi/pulumi";

const count = new pulumi.Config().requireNumber("count");

const trivial: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    return { inputs: news };
  },
  async create(inputs) {
    return { id: `trivial-${inputs.targetUrl}`, outs: inputs };
  },
};

class Trivial extends pulumi.dynamic.Resource {}

for (let i = 0; i < count; i++) {
  new Trivial(trivial, `sub-${i}`, {
    targetUrl: `https://hooks.example.com/bench?n=${i}`,
    subscribedEvents: ["message.received", "message.read", "message.delivered"],
    phoneNumbers: [`+1415555${String(i).padStart(4, "0")}`],
  });
}
