// The provider plugin's entry point (pulumi-resource-linq): the engine starts it with its own address
// as the first argument and reads the port of the gRPC server from the first line of stdout.
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { packageSchema } from "../package-schema";
import { engineWarnings } from "./engine-log";
import { providerService } from "./server";

function packageVersion(): string {
  // dist/provider/plugin/main.js or provider/plugin/main.ts: package.json is three levels up.
  const manifest = path.resolve(__dirname, "..", "..", "..", "package.json");
  const candidates = [manifest, path.resolve(__dirname, "..", "..", "package.json")];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`pulumi-resource-linq: package.json not found near ${__dirname}`);
  return (JSON.parse(fs.readFileSync(found, "utf8")) as { version: string }).version;
}

const NODE_MAJOR = Number(process.versions.node.split(".")[0]);
/**
 * The largest request gRPC takes, refused unread above it: inputs within their limits (INPUT_LIMITS) make
 * requests of a few dozen KiB, and decoding a request and echoing its inputs costs about 40 times its
 * size (a 50 MB targetUrl took the plugin to 1.9 GiB under the 400 MiB of Pulumi's own providers).
 */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

async function main(args: string[]): Promise<void> {
  if (NODE_MAJOR < 20) throw new Error(`Node.js 20 or newer is required, this is ${process.version}`);
  const engineAddress = args.find((arg) => !arg.startsWith("-"));
  const version = packageVersion();
  const server = new grpc.Server({ "grpc.max_receive_message_length": MAX_REQUEST_BYTES });
  server.addService(
    ResourceProviderService,
    providerService({
      version,
      schema: JSON.stringify(packageSchema(version)),
      logWarning: engineWarnings(engineAddress),
    }),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );
  process.stdout.write(`${port}\n`);
  exitWithEngine();
}

/**
 * Exits when the engine that started the plugin is gone, as after `kill -9` of the pulumi CLI, which sends
 * no Cancel and leaves the gRPC server to serve no one. The engine starts each plugin with a pipe on stdin
 * that it never writes to nor closes while it lives: the kernel closes it when the engine dies, however it
 * dies, and EOF arrives at once (with a launcher script between them too, unlike a watch of the parent pid),
 * where Pulumi's Go providers poll the engine's health every 5 minutes. Answers to calls still under way
 * would go to no one. A stdin that is no pipe (the plugin started by hand, for a debugger) is not watched.
 */
function exitWithEngine(): void {
  if (!fs.fstatSync(0).isFIFO()) return;
  const exit = () => process.exit(0);
  process.stdin.on("end", exit).on("close", exit).on("error", exit).resume();
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`pulumi-resource-linq: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
