// The pack as the Pulumi CLI runs it: the language host starts @pulumi/pulumi's cmd/run-policy-pack with the
// engine's address and the pack's directory (pulumi/pulumi v3.248.0 sdk/go/common/resource/plugin/
// analyzer_plugin.go NewPolicyAnalyzer, sdk/nodejs/cmd/pulumi-language-nodejs/main.go RunPlugin), which loads
// index.ts through ts-node, types checked, with tsconfig.json's options (cmd/run-policy-pack/run.js). The
// PolicyPack then serves the Analyzer gRPC service on 127.0.0.1 and prints its port (@pulumi/policy 1.21.0
// server.js serve). This test calls it as the engine does: GetAnalyzerInfo, then Analyze one resource at a time.
import assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { configMap, ingress, statefulSet } from "./resources";
import { highlyAvailableOutsideDev, POLICIES, PolicyResource } from "../policies";

const PACK_DIR = path.resolve(__dirname, "..");
// The generated gRPC stubs and the protobuf runtime they were built with, from @pulumi/pulumi's own copy:
// the messages must be that copy's classes.
const fromProto = createRequire(require.resolve("@pulumi/pulumi/proto/analyzer_pb"));
const grpc = fromProto("@grpc/grpc-js");
const analyzer = fromProto("./analyzer_pb");
const { AnalyzerClient } = fromProto("./analyzer_grpc_pb");
const { Struct } = fromProto("google-protobuf/google/protobuf/struct_pb");
const { Empty } = fromProto("google-protobuf/google/protobuf/empty_pb");

let pack: ChildProcess;
let client: any;

/** An RPC of the client as a promise. */
const call = <T>(method: string, request: unknown): Promise<T> =>
  new Promise((resolve, reject) => client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));

function analyzeRequest(r: PolicyResource): unknown {
  const request = new analyzer.AnalyzeRequest();
  request.setType(r.type);
  request.setName(r.name);
  request.setUrn(r.urn);
  request.setProperties(Struct.fromJavaScript(r.props));
  const options = new analyzer.AnalyzerResourceOptions();
  options.setProtect(r.protect);
  request.setOptions(options);
  return request;
}

async function violations(r: PolicyResource): Promise<Array<{ policy: string; level: number; message: string }>> {
  const response: any = await call("analyze", analyzeRequest(r));
  return response.getDiagnosticsList().map((d: any) => ({ policy: d.getPolicyname(), level: d.getEnforcementlevel(), message: d.getMessage() }));
}

describe("the pack, served as the Pulumi CLI serves it", () => {
  before(async () => {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    pack = spawn(process.execPath, [runner, "127.0.0.1:0", PACK_DIR], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    pack.stderr!.on("data", (chunk) => (stderr += chunk));
    const port = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      pack.stdout!.on("data", (chunk) => {
        stdout += chunk;
        const line = /^(\d+)\n/.exec(stdout);
        if (line) resolve(line[1]);
      });
      pack.on("exit", (code) => reject(new Error(`the pack exited with ${code} before serving: ${stderr}`)));
    });
    client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  after(() => {
    client?.close();
    pack?.kill();
  });

  it("names itself obkm, at package.json's version, with every policy mandatory", async () => {
    const info: any = await call("getAnalyzerInfo", new Empty());
    assert.equal(info.getName(), "obkm");
    assert.equal(info.getVersion(), require("../package.json").version);
    assert.deepEqual(
      info.getPoliciesList().map((p: any) => [p.getName(), p.getEnforcementlevel()]),
      POLICIES.map((p) => [p.name, analyzer.EnforcementLevel.MANDATORY]),
    );
  });

  it("reports no violation for good resources", async () => {
    for (const good of [statefulSet(), ingress(), configMap()]) assert.deepEqual(await violations(good), [], good.urn);
  });

  it("reports a mandatory violation for a bad one, from the resource's inputs and options", async () => {
    const one = statefulSet();
    one.props.spec.replicas = 1;
    assert.deepEqual(await violations(one), [
      {
        policy: "obkm-two-nodes-outside-dev",
        level: analyzer.EnforcementLevel.MANDATORY,
        // The SDK puts the policy's description before the violation (server.js makeReportViolationFun).
        message: `${highlyAvailableOutsideDev.description}\nStatefulSet obkm-nodes runs 1 Key Manager node in stack prod; run at least 2 (replicas) outside dev.`,
      },
    ]);
    const leaky = configMap({ "conf__datasources__master-datasources.xml": "<x/>" });
    assert.deepEqual(
      (await violations(leaky)).map((v) => v.policy),
      ["obkm-no-password-in-configmap"],
    );
  });
});
