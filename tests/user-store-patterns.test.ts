// The admin the user store creates can log in: its name and password meet the rules of the user-mgt.xml the
// nodes mount, read from that file and evaluated as Java evaluates them. (Against Java itself:
// tests/integration/java-regex.test.ts.)
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { RECIPE } from "../plan/credentials";
import { javaRegex } from "../lib/java-regex";
import {
  adminLengthOrProblem,
  adminPasswordProblems,
  adminUsernameProblems,
  generatedAdminLength,
  userStorePatterns,
} from "../plan/user-store-patterns";
import { BUNDLED_TEMPLATES } from "../xml/templates";
import { plannedOf, planOf } from "./helpers/plan";
import { render } from "./helpers/render";

const STOCK_PASSWORD_RULE = "^[\\S]{5,30}$";

describe("a Java regular expression, evaluated in Node", () => {
  it("reads \\s and \\S as Java does: ASCII spaces only, so a no-break space is not a space", () => {
    const rule = javaRegex(STOCK_PASSWORD_RULE);
    expect(rule.matches("abc\u00a0de")).toBe(true); // JavaScript's \S would refuse it
    expect(rule.matches("abc de")).toBe(false);
    expect(rule.matches("a\u000bbcde")).toBe(false); // \x0B is a Java space
  });

  it("matches the whole text, as Matcher.matches() does, with `$` not swallowing a final line break", () => {
    expect(javaRegex("a$").matches("a")).toBe(true);
    expect(javaRegex("a$").matches("a\n")).toBe(false);
    expect(javaRegex("[a-z]{3}").matches("abcd")).toBe(false);
    // `.` stops at Java's line terminators, U+0085 among them
    expect(javaRegex("^.*$").matches("a\u0085b")).toBe(false);
  });

  it("takes a backslash before a character that is not a letter or digit as that character, as Carbon's e-mail rule needs", () => {
    expect(javaRegex("^[a-z]+\\@[a-z]+\\.com$").matches("admin@bank.com")).toBe(true);
  });

  it.each([
    ["a*+", /JavaScript reads otherwise or not at all/],
    ["(?i)admin", /JavaScript reads otherwise or not at all/],
    ["\\bword\\b", /\\b or \\B/],
    ["[a-z&&[^e]]+", /nests a class|intersects classes/],
    ["\\p{Alpha}+", /JavaScript reads otherwise or not at all/],
    ["\\Qa.b\\E", /\\Q...\\E/],
    ["\\v", /vertical spaces/],
    ["[]a]", /starts a class with \]/],
  ])("refuses %s, which it cannot evaluate as Java does, rather than guess", (expression, reason) => {
    expect(() => javaRegex(expression)).toThrow(reason);
  });
});

describe("the generated admin password", () => {
  it("is as long as the pack's rule allows (30), while the other generated passwords keep 32 characters", async () => {
    const dev = await render();
    const lengthOf = (name: string) => dev.resources.find((r) => r.name === name)!.inputs.length;
    expect(lengthOf("obkm-credentials-admin-password")).toBe(30);
    expect(lengthOf("obkm-credentials-database-password")).toBe(32);
  });

  it("always meets the pack's rule: any password of the recipe at that length does", () => {
    const rules = userStorePatterns(fs.readFileSync(path.join(BUNDLED_TEMPLATES, "user-mgt.xml"), "utf8"), true);
    const length = generatedAdminLength(rules, RECIPE)!;
    const special = fc.constantFrom(...RECIPE.overrideSpecial);
    const char = fc.oneof(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), special);
    fc.assert(
      fc.property(fc.array(char, { minLength: length, maxLength: length }), (chars) => rules.password!.regex.matches(chars.join(""))),
      { seed: 20261202, numRuns: 500 },
    );
  });
});

/** A copy of the bundled templates whose user-mgt.xml has `edit` applied. */
function withUserMgt(edit: (xml: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-user-mgt-"));
  fs.cpSync(BUNDLED_TEMPLATES, dir, { recursive: true });
  const file = path.join(dir, "user-mgt.xml");
  fs.writeFileSync(file, edit(fs.readFileSync(file, "utf8")));
  return dir;
}
const passwordRule = (rule: string) =>
  withUserMgt((xml) =>
    xml.replace(
      /(<Property name="PasswordJavaRegEx">)[^<]*(<\/Property>)/,
      // A function, not a replacement string: the rules hold `$`.
      (_, open: string, close: string) => `${open}${rule.replace(/&/g, "&amp;").replace(/</g, "&lt;")}${close}`,
    ),
  );

describe("a credential the user store would refuse", () => {
  it("is refused when supplied, naming the key and the rule, never the password", () => {
    const tooLong = "x".repeat(31);
    expect(() => plannedOf([`adminPassword=${tooLong}`], "dev")).toThrow(
      "obkm:adminPassword: is refused by user-mgt.xml's PasswordJavaRegEx ^[\\S]{5,30}$; expected a password it accepts, because Carbon creates the admin with it but refuses every login with it",
    );
    try {
      plannedOf([`adminPassword=${tooLong}`], "dev");
    } catch (error) {
      expect((error as Error).message).not.toContain(tooLong);
    }
    expect(() => plannedOf(["adminPassword=has a space"], "dev")).toThrow(/obkm:adminPassword: is refused/);
    expect(plannedOf(["adminPassword=Fine-Password-42"], "dev").warnings.filter((w) => w.includes("adminPassword"))).toEqual([]);
  });

  it("refuses an admin name the store's rule refuses (with e-mail user names, UsernameWithEmailJavaScriptRegEx)", () => {
    // 46 characters: the config's own rule allows 64, the pack's store 30.
    const name = "operations.admin.team@openbanking.bank.example";
    expect(() => planOf([`adminUsername=${name}`], "dev")).toThrow(
      `obkm:adminUsername: got "${name}"; expected a name that user-mgt.xml's UsernameWithEmailJavaScriptRegEx ^[\\S]{3,30}$ accepts`,
    );
  });

  it("generates a shorter admin password where the mounted user-mgt.xml allows fewer characters", () => {
    const plan = planOf([`configTemplates=${passwordRule("^[\\S]{8,20}$")}`], "dev");
    expect(plan.credentials.adminRecipe.length).toBe(20);
    expect(plan.credentials.recipe.length).toBe(32);
  });

  it("is refused up front when the rule wants what the program never generates, asking for a password", () => {
    expect(() => planOf([`configTemplates=${passwordRule("^(?=.*@)[\\S]{8,}$")}`], "dev")).toThrow(
      /obkm:adminPassword: is empty, and user-mgt.xml's PasswordJavaRegEx \^\(\?=\.\*@\)\[\\S\]\{8,\}\$ accepts none of the passwords obkm generates/,
    );
    expect(() => planOf([`configTemplates=${passwordRule("^(?=.*@)[\\S]{8,}$")}`, "adminPassword=with@sign"], "dev")).not.toThrow();
  });

  it("names the property of a rule it cannot evaluate as Java does", () => {
    expect(() => planOf([`configTemplates=${passwordRule("(?i)^[a-z]{5,30}$")}`], "dev")).toThrow(
      /user-mgt.xml: the user store's PasswordJavaRegEx "\(\?i\)\^\[a-z\]\{5,30\}\$": uses syntax JavaScript reads otherwise/,
    );
  });
});

describe("plan/user-store-patterns.ts", () => {
  /** A user-mgt.xml whose (primary) store holds these properties. */
  const userMgt = (properties: Record<string, string>) =>
    `<UserManager><Realm><UserStoreManager class="primary">${Object.entries(properties)
      .map(([name, value]) => `<Property name="${name}">${value.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</Property>`)
      .join("")}</UserStoreManager></Realm></UserManager>`;
  const EMAIL = "^([a-zA-Z0-9_\\.\\-])+\\@(([a-zA-Z0-9\\-])+\\.)+([a-zA-Z0-9]{2,4})+$";

  it("reads the primary store's PasswordJavaRegEx and UsernameJavaRegEx, matched against the whole string as Matcher.matches() does", () => {
    const patterns = userStorePatterns(userMgt({ PasswordJavaRegEx: "[a-z]{3}", UsernameJavaRegEx: "[a-z]+" }), false);
    expect(patterns.password!.from).toBe("user-mgt.xml's PasswordJavaRegEx [a-z]{3}");
    expect(patterns.password!.regex.matches("abc")).toBe(true);
    expect(patterns.password!.regex.matches("abcd")).toBe(false);
    expect(patterns.username!.regex.matches("ops")).toBe(true);
    expect(userStorePatterns(userMgt({}), false)).toEqual({ password: undefined, username: undefined });
  });

  it("with e-mail user names, checks names by UsernameWithEmailJavaScriptRegEx, else UsernameJavaRegEx, else Carbon's e-mail pattern", () => {
    const both = { UsernameWithEmailJavaScriptRegEx: "[a-z@.]+", UsernameJavaRegEx: "[a-z]+" };
    expect(userStorePatterns(userMgt(both), true).username!.from).toMatch(/UsernameWithEmailJavaScriptRegEx/);
    expect(userStorePatterns(userMgt({ UsernameJavaRegEx: "[a-z]+" }), true).username!.from).toMatch(/UsernameJavaRegEx/);
    const carbon = userStorePatterns(userMgt({}), true).username!;
    expect(carbon.from).toBe(`Carbon's e-mail pattern ${EMAIL}`);
    expect(carbon.regex.matches("ops@bank.example")).toBe(true);
    expect(carbon.regex.matches("ops")).toBe(false);
  });

  it("refuses a store pattern Java would read otherwise than we can, naming the file and the property", () => {
    expect(() => userStorePatterns(userMgt({ PasswordJavaRegEx: "[a-z&&[^x]]{5,30}" }), false)).toThrow(
      /user-mgt\.xml: the user store's PasswordJavaRegEx .*intersects classes with &&/,
    );
  });

  it("adminUsernameProblems and adminPasswordProblems name the key and the pattern, never the password", () => {
    const patterns = userStorePatterns(userMgt({ PasswordJavaRegEx: "[a-z]{3,5}", UsernameJavaRegEx: "[a-z]+" }), false);
    expect(adminUsernameProblems(patterns, "ops")).toEqual([]);
    expect(adminUsernameProblems(patterns, "Ops1")).toEqual([
      `obkm:adminUsername: got "Ops1"; expected a name that user-mgt.xml's UsernameJavaRegEx [a-z]+ accepts, because Carbon refuses every login of a name it does not`,
    ]);
    expect(adminPasswordProblems(patterns, "abcd")).toEqual([]);
    expect(adminPasswordProblems(patterns, undefined)).toEqual([]);
    const [problem] = adminPasswordProblems(patterns, "secret-value-1");
    expect(problem).toMatch(/^obkm:adminPassword: is refused by user-mgt.xml's PasswordJavaRegEx \[a-z\]\{3,5\}; /);
    expect(problem).not.toContain("secret-value-1");
  });

  it("generates the longest admin password the pattern accepts, the recipe's own without a pattern, and none under 12", () => {
    expect(generatedAdminLength(userStorePatterns(userMgt({}), false), RECIPE)).toBe(RECIPE.length);
    expect(generatedAdminLength(userStorePatterns(userMgt({ PasswordJavaRegEx: "^[\\S]{5,20}$" }), false), RECIPE)).toBe(20);
    expect(generatedAdminLength(userStorePatterns(userMgt({ PasswordJavaRegEx: "^[\\S]{5,11}$" }), false), RECIPE)).toBeUndefined();
    // One of the recipe's specials refused: no generated password is safe at any length.
    expect(generatedAdminLength(userStorePatterns(userMgt({ PasswordJavaRegEx: "^[^#]{5,30}$" }), false), RECIPE)).toBeUndefined();
  });

  it("adminLengthOrProblem refuses a pattern no generated password meets, asking for a supplied one", () => {
    const patterns = userStorePatterns(userMgt({ PasswordJavaRegEx: "^[a-z]{5,40}$" }), false);
    expect(() => adminLengthOrProblem(patterns, RECIPE)).toThrow(
      /obkm:adminPassword: is empty, and user-mgt.xml's PasswordJavaRegEx \^\[a-z\]\{5,40\}\$ accepts none of the passwords obkm generates \(12 to 32 letters, digits and .*\); expected a password it accepts/,
    );
    expect(adminLengthOrProblem(userStorePatterns(userMgt({ PasswordJavaRegEx: "^[\\S]{5,30}$" }), false), RECIPE)).toBe(30);
  });
});
