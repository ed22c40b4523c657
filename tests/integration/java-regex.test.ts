// The user store's rules as obkm evaluates them (lib/java-regex.ts) against Java's own Pattern, for
// expressions WSO2's packs ship and ones a bank writes, on texts made by fast-check around the characters
// where Java and JavaScript part ways: Unicode spaces, line terminators, code points beyond U+FFFF.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { javaRegex } from "../../lib/java-regex";
import { CHILD_TIMEOUT_MS } from "./java";

const EXPRESSIONS = [
  "^[\\S]{5,30}$", // PasswordJavaRegEx of the packs
  "^[\\S]{3,30}$",
  "[a-zA-Z0-9._\\-|//]{3,30}$", // the IS 5.7 LDAP store's UsernameJavaRegEx
  "a-zA-Z0-9@._-{3,30}$", // the OB KM 1.4 JDBC store's UsernameJavaRegEx, as it ships
  "^([a-zA-Z0-9_\\.\\-])+\\@(([a-zA-Z0-9\\-])+\\.)+([a-zA-Z0-9]{2,4})+$", // Carbon's EMAIL_VALIDATION_REGEX
  "^(?=.*[0-9])(?=.*[A-Z])(?=.*[a-z])(?=.*[^A-Za-z0-9\\s]).{12,64}$", // a bank's complexity rule
  "^[^\\s]{4,}$",
  "[\\s\\d]+",
  "^\\w+$",
  "^.*x$",
  "a$",
  "(ab|a\\.)+\\1?",
];

/** Characters where Java and JavaScript differ, among ordinary ones. */
const ALPHABET = [
  "a",
  "b",
  "x",
  "A",
  "Q",
  "7",
  "0",
  "_",
  ".",
  "-",
  "@",
  "|",
  "/",
  "!",
  " ",
  "\t",
  "\n",
  "\r",
  "\u000b",
  "\u000c",
  "\u00a0",
  "\u0085",
  "\u2028",
  "\u3000",
  "\ufeff",
  "é",
  "😀",
];

const hex = (text: string) => Buffer.from(text, "utf8").toString("hex");

describe("Java regular expressions, evaluated in Node", () => {
  it("agree with Java's Pattern.matches on every expression and every generated text", () => {
    const texts = fc.sample(
      fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((chars) => chars.join("")),
      { numRuns: 400, seed: 20261202 },
    );
    // Texts the rules are about: lengths at their bounds, and the generator's password shapes.
    texts.push(
      "",
      "abcd",
      "abcde",
      "a".repeat(30),
      "a".repeat(31),
      "admin@wso2.com",
      "admin",
      "Aa7!Aa7!Aa7!",
      "abcde\n",
      "x\n",
      "a\r\n",
      "a-zA-Z0-9@._---",
      "abab",
      "a.abab",
    );
    const pairs = EXPRESSIONS.flatMap((_, i) => texts.map((text) => ({ i, text })));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-regex-"));
    fs.writeFileSync(path.join(dir, "pairs"), pairs.map((p) => `${p.i} ${hex(p.text)}`).join("\n") + "\n");
    fs.writeFileSync(path.join(dir, "regexes"), EXPRESSIONS.map(hex).join("\n") + "\n");
    const oracle = execFileSync("java", [path.join(__dirname, "java", "RegexOracle.java"), path.join(dir, "pairs"), path.join(dir, "regexes")], {
      encoding: "utf8",
      timeout: CHILD_TIMEOUT_MS,
    });
    expect(oracle).toHaveLength(pairs.length);
    const ours = EXPRESSIONS.map(javaRegex);
    const disagreements = pairs
      .filter((p, k) => ours[p.i].matches(p.text) !== (oracle[k] === "1"))
      .map((p) => `${EXPRESSIONS[p.i]} on ${JSON.stringify(p.text)}`);
    expect(disagreements).toEqual([]);
    // The texts reach both sides of each rule, so the agreement says something.
    for (const [i, expression] of EXPRESSIONS.entries()) {
      const answers = new Set([...oracle].filter((_, k) => pairs[k].i === i));
      expect({ expression, answers: [...answers].sort() }).toEqual({ expression, answers: ["0", "1"] });
    }
  });
});
