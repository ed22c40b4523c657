// A password in clear in the stack file is refused by `pulumi up` too, not only by the render: the program
// reads which keys the CLI holds as secrets (PULUMI_CONFIG_SECRET_KEYS, config/secret-checks.ts says where
// it comes from) and refuses a key config/keys.ts declares secret that the CLI holds in clear.
import { spawnSync } from "child_process";
import { clearSecretProblems, cliSecretKeys, SECRET_KEYS_VARIABLE } from "../config/secret-checks";
import { PROJECT_DIR } from "../project-dir";
import { readStackConfig } from "../render/stack-config";
import { runnerArgs, runnerEnv, runtimeOptions } from "../scripts/pulumi-runner";

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
  function run(secretKeys: string[]) {
    const stack = { ...dev, config, secretKeys };
    return spawnSync(process.execPath, runnerArgs(PROJECT_DIR, stack), {
      cwd: PROJECT_DIR,
      env: { ...process.env, ...runnerEnv(stack, runtimeOptions(PROJECT_DIR)), OBKM_RUNNER_LOG_REGISTRATIONS: "1" },
      encoding: "utf8",
    });
  }

  it("stops before any resource when the passwords stand in clear, naming each", () => {
    const { status, stderr } = run([]);
    expect(status).not.toBe(0);
    expect(stderr).toContain(
      "obkm:adminPassword: stands in clear in the stack's config; expected a secret: pulumi config set --secret adminPassword <value>",
    );
    expect(stderr).toContain("pulumi config set --secret --path database.password <value>");
    expect(stderr).not.toContain(ADMIN);
  });

  it("runs when the CLI holds them as secrets, registering the program's resources", () => {
    const { status, stderr, stdout } = run(["obkm:adminPassword", "obkm:database"]);
    expect({ status, stderr: stderr.split("\n").filter((line) => line.startsWith("error")) }).toEqual({ status: 0, stderr: [] });
    expect(stdout).toContain("registered obkm:index:KeyManagerCluster");
  });
});
