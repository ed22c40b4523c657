// Bad input never ends in a stack trace, and a refusal never shows a password: the LDAP URL is read by a
// parser that takes only what JNDI reads (config/ldap-url.ts), and a supplied secret equal to ordinary
// text of the render is refused as a weak secret, naming its key (render/render.ts).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseLdapUrl } from "../config/ldap-url";
import { ConfigError } from "../config/problems";
import { planStackFromTexts } from "../plan-from-config";
import { PROJECT_DIR } from "../project-dir";
import { renderCommand } from "../scripts/render";
import { cliConfig, LDAP_SETTINGS, MINIMAL_SETTINGS } from "./helpers/cli-config";
import { runCommand } from "./helpers/render-command";

describe("the LDAP user store's URL", () => {
  it("is read as JNDI reads it: a host or bracketed IPv6 address and a port, the scheme's port by default", () => {
    expect(parseLdapUrl("ldaps://ldap.bank.example:636")).toEqual({ scheme: "ldaps", host: "ldap.bank.example", port: 636 });
    expect(parseLdapUrl("ldap://10.0.0.9")).toEqual({ scheme: "ldap", host: "10.0.0.9", port: 389 });
    expect(parseLdapUrl("ldaps://[fd00::10]")).toEqual({ scheme: "ldaps", host: "fd00::10", port: 636 });
  });

  it.each([
    // JNDI takes "user" as the host and fails on the port "pw@host" (com.sun.jndi.toolkit.url.Uri.parse).
    "ldap://user:pw@ldap.bank.example",
    "ldap://cn=admin@ldap.bank.example",
    "ldap://ldap.bank.example:0",
    "ldap://ldap.bank.example:65536",
    "ldap://ldap.bank.example:+389",
    "ldap://[fd00::10",
    "ldap://[ldap.bank.example]",
    "ldap://fd00::10",
    "ldap://ldap.bank.example/dc=bank",
    "ldap:///",
  ])("refuses %s", (url) => {
    expect(parseLdapUrl(url)).toBeUndefined();
  });

  it.each(["ldap://u:S3cret-pw@[x", "ldap://u:S3cret-pw@ldap.bank.example:99999", "ldaps://admin:S3cret-pw@ldap.bank.example"])(
    "%s is refused naming the key, without a trace and without the password",
    (url) => {
      let thrown: unknown;
      try {
        planStackFromTexts(cliConfig({ ...MINIMAL_SETTINGS, ...LDAP_SETTINGS, "obkm:userStore.ldap.url": url }), {
          stack: "dev",
          projectDir: PROJECT_DIR,
        });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      const { problems, message } = thrown as ConfigError;
      expect(problems).toEqual([expect.stringMatching(/^obkm:userStore\.ldap\.url: got "ldaps?:\/\/\[user information hidden\]@.*; expected /)]);
      expect(message).not.toContain("S3cret-pw");
    },
  );
});

describe("a supplied secret equal to ordinary text of the render", () => {
  it("is refused as a weak secret naming its key: exit 1, one line, no trace, the value not shown", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-weak-"));
    // wso2carbon.jks is the pack's keystore file, which carbon.xml and the start script name anyway. The dev
    // example reaches no OB directory (its one range is private); it says it fetches no JWKS, so that stderr holds
    // only the refusal.
    // `npm run render` called in this process, its arguments and end as the CLI's (tests/helpers/render-command.ts);
    // tests/render-cli.test.ts and tests/import-file.test.ts start the commands as processes.
    const run = await runCommand(renderCommand, [
      "--stack",
      "dev",
      "--out",
      out,
      "--set",
      "adminPassword=wso2carbon.jks",
      "--set",
      "openBanking.directoryJwks=false",
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^render: obkm: the stack configuration has 1 problem:\n {2}- obkm:adminPassword: is a value that also stands as ordinary text of the stack's files \(in ConfigMap [a-z0-9-]+\); expected a secret that appears nowhere else/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain("wso2carbon.jks");
    fs.rmSync(out, { recursive: true, force: true });
  });
});
