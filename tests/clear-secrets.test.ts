// A password in clear in the stack file is refused by `pulumi up` too, not only by the render: the program
// reads which keys the CLI holds as secrets (PULUMI_CONFIG_SECRET_KEYS, config/secret-checks.ts says where
// it comes from) and refuses a key config/keys.ts declares secret that the CLI holds in clear.
import { spawnSync } from "child_process";
import { clearSecretProblems, cliSecretKeys, SECRET_KEYS_VARIABLE } from "../config/secret-checks";
import { PROJECT_DIR } from "../project-dir";
import type { RegisteredResource } from "../render/mock-engine";
import { readStackConfig } from "../render/stack-config";
import { runnerArgs, runnerEnv, runtimeOptions } from "../scripts/pulumi-runner";
import { isRunError } from "../scripts/stack-command";
import { renderWithCliEnv } from "./helpers/render";

const ADMIN = "Clear-Pass-2026x";
const texts = (extra: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));

describe("the secret keys the CLI hands the program", () => {
  it("are read as the SDK reads them: a JSON array of full keys, and nothing when no CLI started the program", () => {
    expect(cliSecretKeys({ [SECRET_KEYS_VARIABLE]: '["obkm:adminPassword","obkm:database"]' })).toEqual(["obkm:adminPassword", "obkm:database"]);
    expect(cliSecretKeys({ [SECRET_KEYS_VARIABLE]: "[]" })).toEqual([]);
    expect(cliSecretKeys({})).toBeUndefined();
  });

  it("name a map, not the secret inside it, as the SDK's own check shows (runtime/config.js isConfigSecret)", () => {
    // In a process of its own, started as the language host starts the program: the variable in its environment.
    const script = `const { isConfigSecret } = require("@pulumi/pulumi/runtime/config");
      console.log(JSON.stringify(["obkm:adminPassword", "obkm:database", "obkm:database.password"].map(isConfigSecret)));`;
    const run = spawnSync(process.execPath, ["-e", script], {
      cwd: PROJECT_DIR,
      env: { ...process.env, [SECRET_KEYS_VARIABLE]: '["obkm:adminPassword","obkm:database"]' },
      encoding: "utf8",
    });
    expect(JSON.parse(run.stdout)).toEqual([true, true, false]);
  });
});

describe("a password the CLI holds in clear", () => {
  it("is refused, named with the command that stores it encrypted (--path inside a map)", () => {
    expect(
      clearSecretProblems(texts({ "obkm:adminPassword": ADMIN, "obkm:userStore": { type: "ldap", ldap: { bindPassword: "bind-2026" } } }), []),
    ).toEqual([
      "obkm:adminPassword: stands in clear in the stack's config; expected a secret: pulumi config set --secret adminPassword <value>",
      "obkm:userStore.ldap.bindPassword: stands in clear in the stack's config; expected a secret: pulumi config set --secret --path userStore.ldap.bindPassword <value>",
    ]);
  });

  it("is accepted as a secret, or its map holding one, and when empty (a generated password)", () => {
    expect(
      clearSecretProblems(texts({ "obkm:adminPassword": ADMIN, "obkm:database": { password: "db-2026" } }), ["obkm:adminPassword", "obkm:database"]),
    ).toEqual([]);
    expect(clearSecretProblems(texts({ "obkm:adminPassword": "", "obkm:database": { password: "" } }), [])).toEqual([]);
  });

  it("leaves keys that are not passwords alone", () => {
    expect(clearSecretProblems(texts({ "obkm:hostname": "km.example.com", "obkm:database": { username: "obkm" } }), [])).toEqual([]);
  });
});

// The program as `pulumi up` starts it: Pulumi's own runner, with the environment the language host gives it
// (scripts/pulumi-runner.ts), the dev stack's config, and the passwords set in clear or as secrets.
describe("the program under Pulumi's runner", () => {
  const dev = readStackConfig(PROJECT_DIR, "dev");
  const config = {
    ...dev.config,
    "obkm:adminPassword": ADMIN,
    "obkm:database": JSON.stringify({ ...JSON.parse(dev.config["obkm:database"]), password: "Clear-Db-2026x" }),
  };
  const stackWith = (secretKeys: string[]) => ({ ...dev, config, secretKeys });

  it("stops before any resource when the passwords stand in clear, naming each", async () => {
    // The same program (program.ts planStack) rendered in this process's render server, with the variable the
    // language host sets (runnerEnv's), and none of the runner's process: the runner below carries that
    // variable to the program; this asks what the program does with it, and records what it registered.
    const stack = stackWith([]);
    const registered: RegisteredResource[] = [];
    const env = { [SECRET_KEYS_VARIABLE]: runnerEnv(stack, runtimeOptions(PROJECT_DIR))[SECRET_KEYS_VARIABLE] };
    const refusal: unknown = await renderWithCliEnv(stack, env, registered).catch((error: unknown) => error);
    // A RunError, which the runner reports and ends the program with (cmd/run), the commands with exit 1.
    expect(isRunError(refusal)).toBe(true);
    const { message } = refusal as Error;
    expect(message).toContain(
      "obkm:adminPassword: stands in clear in the stack's config; expected a secret: pulumi config set --secret adminPassword <value>",
    );
    expect(message).toContain("pulumi config set --secret --path database.password <value>");
    expect(message).not.toContain(ADMIN);
    expect(registered).toEqual([]);
  });

  it("runs when the CLI holds them as secrets, registering the program's resources", () => {
    // A process of Pulumi's own runner, as `pulumi up` starts the program: the secret keys reach it in the
    // language host's variable, and pulumi-main.js loads index.ts through the swc hook to its resources.
    const stack = stackWith(["obkm:adminPassword", "obkm:database"]);
    const { status, stderr, stdout } = spawnSync(process.execPath, runnerArgs(PROJECT_DIR, stack), {
      cwd: PROJECT_DIR,
      env: { ...process.env, ...runnerEnv(stack, runtimeOptions(PROJECT_DIR)), OBKM_RUNNER_LOG_REGISTRATIONS: "1" },
      encoding: "utf8",
    });
    expect({ status, stderr: stderr.split("\n").filter((line) => line.startsWith("error")) }).toEqual({ status: 0, stderr: [] });
    expect(stdout).toContain("registered obkm:index:KeyManagerCluster");
  });
});
