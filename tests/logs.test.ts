// The nodes' logs (plan/logs.ts): which lines of log4j.properties each setting of logs.format and
// logs.auditToStdout changes, on the bundled template and on a pack's own file, and what log4j 1.2 makes of
// them (apache/logging-log4j1 at v1_2_17: PropertyConfigurator.parseCategory and parseAppender,
// parseAdditivityForLogger, ConsoleAppender's Target, PatternLayout and WriterAppender.subAppend).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadConfig } from "../config/load";
import { logfmtPattern } from "../plan/logs";
import { PROJECT_DIR } from "../project-dir";
import { readProperties } from "../properties/edits";
import { BUNDLED_TEMPLATES } from "../xml/templates";
import { cliConfig } from "./helpers/cli-config";
import { planOf } from "./helpers/plan";
import { render } from "./helpers/render";

const FILE = "log4j.properties";
const bundled = fs.readFileSync(path.join(BUNDLED_TEMPLATES, FILE), "utf8");

/** log4j.properties as the plan puts it in the node files' ConfigMap. */
const log4jOf = (sets: string[]) => (planOf(sets).nodeFilesConfigMap.data as Record<string, string>)[`conf__${FILE}`];

/** The lines of `after` that `before` lacks, and those of `before` that `after` lacks, in order. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const b = before.split("\n");
  const a = after.split("\n");
  return { removed: b.filter((l) => !a.includes(l)), added: a.filter((l) => !b.includes(l)) };
}

/** A copy of the bundled templates with log4j.properties of our choosing, as configTemplates names a pack. */
function packWith(log4j: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-log4j-"));
  fs.cpSync(BUNDLED_TEMPLATES, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, FILE), log4j);
  return dir;
}

const LOGFMT = "log=carbon time=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} level=%p logger=%c msg=%m%n";
const AUDIT_LOGFMT = "log=audit time=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} level=%p logger=%c msg=%m%n";
const AUDIT_APPENDER = [
  "log4j.appender.AUDIT_CONSOLE=org.wso2.carbon.utils.logging.appenders.CarbonConsoleAppender",
  "log4j.appender.AUDIT_CONSOLE.Target=System.out",
  "log4j.appender.AUDIT_CONSOLE.layout=org.wso2.carbon.utils.logging.TenantAwarePatternLayout",
];

describe("plan/logs.ts", () => {
  describe("log4j.properties by default (logs.format logfmt, logs.auditToStdout true)", () => {
    const edited = log4jOf([]);

    it("changes the console's pattern and the audit logger's appenders, and adds the audit console appender at the end", () => {
      expect(changedLines(bundled, edited)).toEqual({
        removed: ["log4j.logger.AUDIT_LOG=INFO, AUDIT_LOGFILE", "log4j.appender.CARBON_CONSOLE.layout.ConversionPattern=[%d] %P%5p {%c} - %x %m%n"],
        added: [
          // parseCategory: the level, then each appender by name; the file appender stays.
          "log4j.logger.AUDIT_LOG=INFO, AUDIT_LOGFILE, AUDIT_CONSOLE",
          `log4j.appender.CARBON_CONSOLE.layout.ConversionPattern=${LOGFMT}`,
          ...AUDIT_APPENDER,
          `log4j.appender.AUDIT_CONSOLE.layout.ConversionPattern=${AUDIT_LOGFMT}`,
        ],
      });
      // Every other byte keeps its place: the two lines changed where they stand, the new ones after the last.
      const appended = [...AUDIT_APPENDER, `log4j.appender.AUDIT_CONSOLE.layout.ConversionPattern=${AUDIT_LOGFMT}`].join("\n") + "\n";
      expect(edited).toBe(
        bundled
          .replace("log4j.logger.AUDIT_LOG=INFO, AUDIT_LOGFILE", "log4j.logger.AUDIT_LOG=INFO, AUDIT_LOGFILE, AUDIT_CONSOLE")
          .replace("CARBON_CONSOLE.layout.ConversionPattern=[%d] %P%5p {%c} - %x %m%n", `CARBON_CONSOLE.layout.ConversionPattern=${LOGFMT}`) +
          appended,
      );
    });

    it("keeps the audit logger's additivity false, so an audit line reaches stdout once, not also through the root's CARBON_CONSOLE", () => {
      expect(readProperties(FILE, edited).get("log4j.additivity.AUDIT_LOG")).toBe("false");
    });

    it("writes patterns of fields that hold no space before msg, so msg is the rest of the line", () => {
      // What a line looks like: the pattern with its conversions filled in as PatternParser fills them.
      const line = AUDIT_LOGFMT.replace("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}", "2026-12-02T17:31:56.123Z")
        .replace("%p", "INFO")
        .replace("%c", "AUDIT_LOG")
        .replace("%m%n", 'Initiator : admin@carbon.super | Action : Add User | Target : "bob" | Data : { } | Result : Success');
      // The expression docs/operations.md gives the log shippers.
      const record = /^log=(?<log>carbon|audit) time=(?<time>\S+) level=(?<level>\S+) logger=(?<logger>\S+) msg=(?<msg>.*)$/.exec(line)?.groups;
      expect(record).toEqual({
        log: "audit",
        time: "2026-12-02T17:31:56.123Z",
        level: "INFO",
        logger: "AUDIT_LOG",
        msg: 'Initiator : admin@carbon.super | Action : Add User | Target : "bob" | Data : { } | Result : Success',
      });
      expect(logfmtPattern("carbon")).toBe(LOGFMT);
      // log4j substitutes ${...} in every value (OptionConverter.substVars): the patterns hold none.
      expect(LOGFMT + AUDIT_LOGFMT).not.toContain("${");
    });
  });

  describe("log4j.properties with the other settings", () => {
    it("is left to the image with logs.format carbon and logs.auditToStdout false: no edit, so no file mounted over the pack's", () => {
      const plan = planOf(["logs.format=carbon", "logs.auditToStdout=false"]);
      expect(Object.keys(plan.nodeFilesConfigMap.data as Record<string, string>)).not.toContain(`conf__${FILE}`);
      expect((plan.nodeFilesConfigMap.data as Record<string, string>)["bin__start.sh"]).not.toContain(FILE);
      expect((planOf([]).nodeFilesConfigMap.data as Record<string, string>)["bin__start.sh"]).toContain(`install_file "$files" ${FILE}`);
    });

    it("changes only the console's pattern with logs.auditToStdout false", () => {
      expect(changedLines(bundled, log4jOf(["logs.auditToStdout=false"]))).toEqual({
        removed: ["log4j.appender.CARBON_CONSOLE.layout.ConversionPattern=[%d] %P%5p {%c} - %x %m%n"],
        added: [`log4j.appender.CARBON_CONSOLE.layout.ConversionPattern=${LOGFMT}`],
      });
    });

    it("writes the audit log to stdout in the audit file's own layout with logs.format carbon", () => {
      expect(changedLines(bundled, log4jOf(["logs.format=carbon"]))).toEqual({
        removed: ["log4j.logger.AUDIT_LOG=INFO, AUDIT_LOGFILE"],
        added: [
          "log4j.logger.AUDIT_LOG=INFO, AUDIT_LOGFILE, AUDIT_CONSOLE",
          ...AUDIT_APPENDER,
          // The line of AUDIT_LOGFILE's pattern is unchanged, so it is in neither list.
          "log4j.appender.AUDIT_CONSOLE.layout.ConversionPattern=[%d] %P%5p {%c} - %x %m%n",
        ],
      });
    });
  });

  describe("a pack's own log4j.properties (configTemplates)", () => {
    const pack = [
      "# the pack's comment",
      "log4j.rootLogger=INFO, CARBON_CONSOLE",
      "log4j.logger.AUDIT_LOG = INFO,\\",
      "        AUDIT_LOGFILE",
      "log4j.logger.com.example.ob=DEBUG",
      "log4j.appender.CARBON_CONSOLE=org.apache.log4j.ConsoleAppender",
      "log4j.appender.CARBON_CONSOLE.layout=org.apache.log4j.PatternLayout",
      "log4j.appender.CARBON_CONSOLE.layout.ConversionPattern : %d %m%n",
      "log4j.appender.AUDIT_LOGFILE=org.apache.log4j.FileAppender",
      "log4j.appender.AUDIT_LOGFILE.layout.ConversionPattern=%m%n",
    ].join("\n");

    it("is edited where it says what the edits change, every other byte kept", () => {
      const edited = log4jOf([`configTemplates=${packWith(pack)}`]);
      const expected = pack
        .replace("INFO,\\\n        AUDIT_LOGFILE", "INFO,AUDIT_LOGFILE, AUDIT_CONSOLE")
        .replace("ConversionPattern : %d %m%n", `ConversionPattern : ${LOGFMT}`);
      // The template's last line had no terminator: one is added before the new lines.
      expect(edited).toBe(
        [
          expected,
          ...AUDIT_APPENDER,
          `log4j.appender.AUDIT_CONSOLE.layout.ConversionPattern=${AUDIT_LOGFMT}`,
          "log4j.additivity.AUDIT_LOG=false",
          "",
        ].join("\n"),
      );
    });

    it("gets additivity false where it had the audit lines also go to the root logger", () => {
      const edited = log4jOf([`configTemplates=${packWith(pack + "\nlog4j.additivity.AUDIT_LOG=true\n")}`]);
      expect(edited).toContain("\nlog4j.additivity.AUDIT_LOG=false\n");
      expect(edited).not.toContain("log4j.additivity.AUDIT_LOG=true");
    });

    it("is refused, in one line naming the file, the key and the way out, when it lacks what an edit needs", () => {
      const without = (key: string) =>
        pack
          .split("\n")
          .filter((l) => !l.startsWith(key) && !l.startsWith("        AUDIT_LOGFILE"))
          .join("\n");
      expect(() => log4jOf([`configTemplates=${packWith(without("log4j.logger.AUDIT_LOG"))}`])).toThrow(
        /^log4j.properties: log4j.logger.AUDIT_LOG: no such key in the template; obkm:logs.auditToStdout adds an appender to this logger \(or set obkm:logs.auditToStdout to false\)$/,
      );
      expect(() => log4jOf([`configTemplates=${packWith(without("log4j.appender.CARBON_CONSOLE="))}`])).toThrow(
        "log4j.properties: log4j.appender.CARBON_CONSOLE: no such key in the template; obkm:logs.format logfmt sets the layout of this appender (or set obkm:logs.format to carbon)",
      );
      expect(() => log4jOf(["logs.format=carbon", `configTemplates=${packWith(without("log4j.appender.AUDIT_LOGFILE.layout"))}`])).toThrow(
        "log4j.properties: log4j.appender.AUDIT_LOGFILE.layout.ConversionPattern: no such key in the template; obkm:logs.format carbon writes the audit log to stdout in this appender's layout (or set obkm:logs.format to logfmt)",
      );
      // Nothing needed, nothing asked.
      expect(() => log4jOf(["logs.format=carbon", "logs.auditToStdout=false", `configTemplates=${packWith("")}`])).not.toThrow();
    });

    it("stops a render with that one line, no stack trace", async () => {
      await expect(render([`configTemplates=${packWith("log4j.rootLogger=INFO, CARBON_CONSOLE\n")}`])).rejects.toThrow(
        /^[^\n]*log4j.properties: log4j.appender.CARBON_CONSOLE: no such key in the template;[^\n]*$/,
      );
    });

    it("is refused when Java would refuse it, which would leave the server without its log configuration", () => {
      expect(() => log4jOf([`configTemplates=${packWith("log4j.rootLogger=INFO\\u00\n")}`])).toThrow(
        "log4j.properties: line 1: malformed \\uxxxx escape",
      );
    });
  });

  it("refuses a format it does not know, naming the key and the values allowed", () => {
    const load = () => loadConfig(cliConfig({ "obkm:logs.format": "json" }), { stack: "dev", projectDir: PROJECT_DIR });
    expect(load).toThrow(/obkm:logs\.format: got "json"; expected one of logfmt, carbon/);
  });
});
