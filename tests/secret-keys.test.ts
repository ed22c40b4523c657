// Secret and ConfigMap data keys by the API server's rule (IsConfigMapKey: config/data-keys.ts), and the
// keystore Secrets a stack names never being the ones it writes itself (plan/own-secrets.ts).
import { ConfigError } from "../config/problems";
import { planStackFromTexts } from "../plan-from-config";
import { names } from "../plan/names";
import { ownSecrets } from "../plan/own-secrets";
import { PROJECT_DIR } from "../project-dir";
import { cliConfig, loadMinimal, MINIMAL_SETTINGS, minimalProblems } from "./helpers/cli-config";

describe("a data key of a Secret or ConfigMap", () => {
  it.each([
    ["keystores.signing.passwordKey", "."],
    ["keystores.signing.passwordKey", ".."],
    ["keystores.signing.passwordKey", "..data"],
    ["keystores.signing.file", ".."],
    ["keystores.signing.file", "..keystore.p12"],
  ])("is refused in %s as %s, which the API server refuses (IsConfigMapKey: not '.', '..' or '..*')", (key, value) => {
    const problems = minimalProblems({
      "obkm:keystores.signing.secret": "bank-signing",
      "obkm:keystores.signing.alias": "ob",
      [`obkm:${key}`]: value,
    });
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^obkm:${key.replace(/\./g, "\\.")}: got "${value.replace(/\./g, "\\.")}"; expected .*neither '\\.' nor starting with '\\.\\.'`),
      ),
    ]);
  });

  it.each([
    ["keystores.trust.databaseCa", "secret:bank-db-ca/.."],
    ["keystores.trust.databaseCa", "configMap:bank-ca/..2026"],
    ["keystores.trust.caBundles", JSON.stringify(["secret:bank-ca/."])],
  ])("is refused in the bundle reference of %s: %s", (key, value) => {
    expect(minimalProblems({ [`obkm:${key}`]: value })).toEqual([
      expect.stringMatching(new RegExp(`^obkm:${key.replace(/\./g, "\\.")}(\\[0\\])?: got .*; expected `)),
    ]);
  });

  it("is accepted with dots inside, as the API server takes them (.ca.crt, ca..crt)", () => {
    expect(() =>
      loadMinimal({
        "obkm:keystores.trust.databaseCa": "secret:bank-db-ca/.ca.crt",
        "obkm:keystores.trust.caBundles": JSON.stringify(["secret:x/ca..crt"]),
      }),
    ).not.toThrow();
  });
});

describe("plan/own-secrets.ts", () => {
  it("counts as its own every Secret the plan writes, under their planned names", () => {
    const { config, plan } = planStackFromTexts(cliConfig({ ...MINIMAL_SETTINGS, "obkm:namePrefix": "bank" }), {
      stack: "dev",
      projectDir: PROJECT_DIR,
    });
    const own = ownSecrets(names(config)).map((s) => s.name);
    const written = [plan.secretMetadata.credentialsSecret.name, plan.secretMetadata.secretFiles.name, plan.keystores.secretMetadata.name];
    expect(own).toEqual(expect.arrayContaining(written));
    expect(own.every((name) => name.startsWith("bank-"))).toBe(true);
  });

  // A keystore's Secret, or its password's, named by the stack's keys.
  const problemsOf = (settings: Record<string, string>): string[] => {
    try {
      planStackFromTexts(cliConfig({ ...MINIMAL_SETTINGS, ...settings }), { stack: "dev", projectDir: PROJECT_DIR });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it.each(["obkm-km-keys", "obkm-km-secret-files", "obkm-km-credentials", "obkm-km-node-tls", "obkm-km-tls"])(
    "is refused when it is %s, a Secret the stack writes itself",
    (own) => {
      expect(problemsOf({ "obkm:keystores.tls.secret": own, "obkm:keystores.tls.alias": "tls" })).toEqual([
        expect.stringMatching(
          new RegExp(`^obkm:keystores\\.tls\\.secret: got "${own}"; expected a Secret of yours, not ${own}, which this stack writes itself`),
        ),
      ]);
    },
  );

  it("is refused as the keystore password's Secret too, and follows namePrefix", () => {
    expect(
      problemsOf({
        "obkm:namePrefix": "bank",
        "obkm:keystores.signing.secret": "bank-signing",
        "obkm:keystores.signing.alias": "ob",
        "obkm:keystores.signing.passwordSecret": "bank-km-credentials",
      }),
    ).toEqual([expect.stringMatching(/^obkm:keystores\.signing\.passwordSecret: got "bank-km-credentials"; expected a Secret of yours/)]);
    expect(problemsOf({ "obkm:namePrefix": "bank", "obkm:keystores.signing.secret": "obkm-km-keys", "obkm:keystores.signing.alias": "ob" })).toEqual(
      [],
    );
  });
});
