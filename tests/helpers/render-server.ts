// One process that renders for every jest worker of a run: each test file would otherwise load the Pulumi
// SDKs itself (jest gives every file its own modules), about 1.4 CPU-seconds each, where a render in a warm
// process costs a fraction of that. Started by tests/helpers/global-setup.ts as
// `node -r ./scripts/ts-register.js tests/helpers/render-server.ts SOCKET`; it serves one JSON request per
// connection on that Unix socket, renders one at a time (the mock engine's state is the process's), and
// ends when its standard input closes, so it never outlives the run that started it.
import * as fs from "fs";
import * as net from "net";
import type { MockRunInput, RegisteredResource } from "../../render/mock-engine";
import type { Rendered } from "../../render/render";
import { withoutRuntimeWarnings } from "./quiet-warnings";
import { FILE_CPU_ENV, RENDER_SERVER_ROW, withEnv } from "./render-server-env";

/** The render or its user error; and where the request holds a `record`, what the program registered. */
export type RenderReply = ({ rendered: Rendered } | { error: { name: string; message: string; problems?: string[]; runError?: true } }) & {
  registered?: RegisteredResource[];
  /** The runtime warnings the program printed (quiet-warnings.ts), kept off the server's console. */
  warned: string[];
};

/**
 * What a test asks for: a stack's config to render, and variables set in the environment for that render
 * only, as the Pulumi CLI's language host sets them for the program (render.ts renderWithCliEnv).
 */
export type RenderRequest = MockRunInput & { env?: Record<string, string> };

const socket = process.argv[2];
let queue: Promise<unknown> = Promise.resolve();

async function renderOne({ env, ...input }: RenderRequest): Promise<RenderReply> {
  // The mock engine records into the request's own array (mock-engine.ts MockRunInput.record), even when
  // the program throws.
  const registered = input.record ? { registered: input.record } : {};
  const warned: string[] = [];
  try {
    const { renderStack } = require("../../render/render") as typeof import("../../render/render");
    return { rendered: await withEnv(env, () => withoutRuntimeWarnings(() => renderStack(input), warned)), ...registered, warned };
  } catch (error) {
    const { name, message, problems } = error as Error & { problems?: string[] };
    // A config the program refuses, which the commands end as a user error (scripts/stack-command.ts), asked
    // of the SDK that threw it.
    const runError = (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).RunError.isInstance(error);
    return { error: { name, message, ...(problems ? { problems } : {}), ...(runError ? { runError } : {}) }, ...registered, warned };
  }
}

// Half-open: the client ends its side once the request is written, and still reads the reply.
const server = net.createServer({ allowHalfOpen: true }, (connection) => {
  let request = "";
  connection.setEncoding("utf8");
  connection.on("data", (chunk) => (request += chunk));
  connection.on("end", () => {
    const next = queue.then(() => renderOne(JSON.parse(request) as RenderRequest));
    queue = next;
    void next.then((reply) => connection.end(JSON.stringify(reply)));
  });
});

if (fs.existsSync(socket)) fs.rmSync(socket);
server.listen(socket, () => process.stdout.write("ready\n"));
process.stdin.on("end", () => {
  // Its CPU beside the test files' (tests/helpers/file-cpu.ts's columns), for `npm run bench -- --suites`.
  const out = process.env[FILE_CPU_ENV];
  if (out) {
    const { user, system } = process.cpuUsage();
    fs.appendFileSync(out, `${RENDER_SERVER_ROW}\t0.00\t${((user + system) / 1e6).toFixed(2)}\t0.00\n`);
  }
  server.close();
  process.exit(0);
});
process.stdin.resume();
