// The plugin's peak memory (VmHWM) and time to answer one Check whose targetUrl is N MB long, then one
// with 100,000 unknown events, as the engine would send them: `npx ts-node bench/plugin-oversized-input.ts [MB ...]` (default 1 10 50), after
// `npm run build` (it runs dist/, as the engine does).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";

const MAIN = path.join(__dirname, "..", "dist", "provider", "plugin", "main.js");
const URN = "urn:pulumi:dev::p::linq:index:WebhookSubscription::hook";
const hwmMiB = (pid: number) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

async function once(label: string, news: Record<string, unknown>) {
  const plugin = spawn(process.execPath, [MAIN], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) =>
    plugin.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())),
  );
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    "grpc.max_send_message_length": -1,
  });
  const idle = hwmMiB(plugin.pid!);
  const request = new proto.CheckRequest()
    .setUrn(URN)
    .setOlds(Struct.fromJavaScript({}))
    .setNews(Struct.fromJavaScript(news as never));
  const started = Date.now();
  const answer = await new Promise<string>((resolve) =>
    client.check(request, (err, res) =>
      resolve(
        err
          ? `error: ${err.message.slice(0, 160)}`
          : (res.getFailuresList()[0]?.getReason() ?? "accepted").slice(0, 160),
      ),
    ),
  );
  const ms = Date.now() - started;
  console.log(
    `${label}: ${ms} ms, plugin VmHWM ${hwmMiB(plugin.pid!).toFixed(0)} MiB (idle ${idle.toFixed(0)}): ${answer}`,
  );
  client.close();
  plugin.kill();
}

async function main() {
  const sizes = process.argv.slice(2).map(Number);
  for (const mb of sizes.length ? sizes : [1, 10, 50]) {
    const targetUrl = `https://hooks.example.com/${"a".repeat(mb * 1024 * 1024)}`;
    await once(`${mb} MB targetUrl`, { targetUrl, subscribedEvents: ["message.read"] });
  }
  const subscribedEvents = Array.from({ length: 100_000 }, (_, i) => `unknown.${i}.`.padEnd(20, "x"));
  await once("100,000 unknown events", { targetUrl: "https://hooks.example.com/x", subscribedEvents });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
