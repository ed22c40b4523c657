// Java itself reads the .properties texts of tests/properties-cases.ts, and the files the edit engine and the
// plan write: java.util.Properties.load(InputStream) (Debian's OpenJDK 17; the KM's Java 8 follows the same
// documented rules), as log4j 1.2's PropertyConfigurator loads log4j.properties.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planOf } from "../helpers/plan";
import { JAVA_CASES } from "../properties-cases";
import { applyPropertiesEdits, readProperties } from "../../properties/edits";
import { CHILD_TIMEOUT_MS } from "./java";

/** What Java reads from each text, in one JVM: a key-value record per text, or the message load threw. */
function javaReads(texts: string[]): Array<Record<string, string> | string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-properties-"));
  try {
    // Each JS character below U+0100 as one byte: the ISO 8859-1 that load(InputStream) decodes.
    const files = texts.map((text, i) => {
      const file = path.join(dir, `${i}.properties`);
      fs.writeFileSync(file, Buffer.from(text, "latin1"));
      return file;
    });
    const out = execFileSync("java", [path.join(__dirname, "java", "PropertiesOracle.java"), ...files], {
      encoding: "utf8",
      timeout: CHILD_TIMEOUT_MS,
    });
    const fromHex = (hex: string) => Buffer.from(hex, "hex").toString("utf8");
    return out
      .split(/^== .*\n/m)
      .slice(1)
      .map((section) =>
        section.startsWith("!! ")
          ? section.slice(3).trim()
          : Object.fromEntries(
              section
                .split("\n")
                .filter(Boolean)
                .map((line) => line.split(" ").map(fromHex)),
            ),
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

it("Java reads each case's text as the case says, and so as our reader does", () => {
  expect(javaReads(JAVA_CASES.map((c) => c.text))).toEqual(JAVA_CASES.map((c) => c.expected));
});

it("Java refuses a malformed \\uxxxx escape, which our reader refuses too", () => {
  expect(javaReads(["a=\\u12G4\n"])).toEqual(["Malformed \\uxxxx encoding."]);
  expect(() => readProperties("f", "a=\\u12G4\n")).toThrow("malformed \\uxxxx escape");
});

it("Java reads back every value and key the engine writes, in each kind of line it may replace", () => {
  const values = [
    " leading space",
    "=starts with a separator",
    ":colon",
    "tab\there",
    "line\nbreak\r",
    "back\\slash\\",
    "naïve €",
    "😀",
    "#!",
    "",
    "%d{ISO8601} ${x}",
  ];
  const texts = values.flatMap((value) =>
    ["k=old\n", "k old\n", "k\n", "k:old\\\n  continued\n", "", "tail=1\\"].map((text) =>
      applyPropertiesEdits("f", text, [
        { kind: "set", key: "k", value },
        { kind: "set", key: `new ${value}`, value },
      ]),
    ),
  );
  expect(javaReads(texts)).toEqual(texts.map((text) => Object.fromEntries(readProperties("f", text))));
  expect(javaReads(texts).every((read, i) => typeof read === "object" && read.k === values[Math.floor(i / 6)])).toBe(true);
});

it("Java reads the log4j.properties a stack renders as the plan means it, in both formats", () => {
  const rendered = ["logs.format=logfmt", "logs.format=carbon"].map(
    (set) => (planOf([set]).nodeFilesConfigMap.data as Record<string, string>)["conf__log4j.properties"],
  );
  const [logfmt, carbon] = javaReads(rendered) as Array<Record<string, string>>;
  expect(logfmt["log4j.logger.AUDIT_LOG"]).toBe("INFO, AUDIT_LOGFILE, AUDIT_CONSOLE");
  expect(logfmt["log4j.additivity.AUDIT_LOG"]).toBe("false");
  expect(logfmt["log4j.appender.AUDIT_CONSOLE"]).toBe("org.wso2.carbon.utils.logging.appenders.CarbonConsoleAppender");
  expect(logfmt["log4j.appender.CARBON_CONSOLE.layout.ConversionPattern"]).toBe(
    "log=carbon time=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} level=%p logger=%c msg=%m%n",
  );
  expect(logfmt["log4j.appender.AUDIT_CONSOLE.layout.ConversionPattern"]).toBe(
    "log=audit time=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} level=%p logger=%c msg=%m%n",
  );
  expect(carbon["log4j.appender.AUDIT_CONSOLE.layout.ConversionPattern"]).toBe(carbon["log4j.appender.AUDIT_LOGFILE.layout.ConversionPattern"]);
});
