// log4j 1.2 itself (Debian's liblog4j1.2-java, 1.2.17) reads the log4j.properties a stack renders and logs
// through it, with stand-ins for Carbon's appender and layout classes (tests/integration/java/log4j/): what
// reaches stdout is what docs/operations.md, Logs, tells a bank's log shipping to expect.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planOf } from "../helpers/plan";
import { CHILD_TIMEOUT_MS } from "./java";

const LOG4J_JAR = "/usr/share/java/log4j-1.2.jar";
const SOURCES = path.join(__dirname, "java", "log4j");
/** The expression docs/operations.md gives for a record's first line. */
const RECORD = /^log=(?<log>carbon|audit) time=(?<time>\S+) level=(?<level>\S+) logger=(?<logger>\S+) msg=(?<msg>.*)$/;

let classes: string;
beforeAll(() => {
  if (!fs.existsSync(LOG4J_JAR)) throw new Error(`${LOG4J_JAR} is missing (.ci/integration-setup installs liblog4j1.2-java)`);
  classes = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-log4j-classes-"));
  const sources = execFileSync("find", [SOURCES, "-name", "*.java"], { encoding: "utf8" }).trim().split("\n");
  execFileSync("javac", ["-nowarn", "-cp", LOG4J_JAR, "-d", classes, ...sources], { stdio: "pipe", timeout: CHILD_TIMEOUT_MS });
});
afterAll(() => fs.rmSync(classes, { recursive: true, force: true }));

/** Logs the oracle's events through the rendered log4j.properties: its stdout, and the audit file it wrote. */
function logThrough(sets: string[]): { stdout: string; auditFile: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "obkm-carbon-home-"));
  try {
    const file = path.join(home, "log4j.properties");
    fs.writeFileSync(file, (planOf(sets).nodeFilesConfigMap.data as Record<string, string>)["conf__log4j.properties"]);
    const stdout = execFileSync("java", ["-Duser.timezone=UTC", "-cp", `${classes}:${LOG4J_JAR}`, "Log4jOracle", file, home], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: CHILD_TIMEOUT_MS,
    });
    return { stdout, auditFile: fs.readFileSync(path.join(home, "repository", "logs", "audit.log"), "utf8") };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const AUDIT = "Initiator : admin@carbon.super | Action : Add User | Target : bob | Result : Success";

it("writes the server log and, once, the audit log to stdout, one logfmt record a first line, by default", () => {
  const { stdout, auditFile } = logThrough([]);
  const lines = stdout.split("\n").filter(Boolean);
  const records = lines.map((line) => RECORD.exec(line)?.groups).filter((r) => r !== undefined);
  expect(records.map(({ log, level, logger, msg }) => ({ log, level, logger, msg }))).toEqual([
    { log: "carbon", level: "INFO", logger: "org.example.km.Server", msg: 'started with "quotes" and a=b' },
    { log: "carbon", level: "ERROR", logger: "org.example.km.Server", msg: "failed" },
    { log: "carbon", level: "WARN", logger: "org.example.km.Server", msg: "first line" },
    // Once: the AUDIT_LOG logger's additivity is false, so the root's CARBON_CONSOLE does not write it too.
    { log: "audit", level: "INFO", logger: "AUDIT_LOG", msg: AUDIT },
  ]);
  for (const r of records) expect(r.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  // The stack trace and the message's second line follow their record on lines that start no record.
  const failed = lines.findIndex((line) => line.includes("msg=failed"));
  expect(lines[failed + 1]).toBe("java.lang.IllegalStateException: boom");
  expect(lines[failed + 2]).toMatch(/^\tat Log4jOracle\.main\(Log4jOracle\.java:\d+\)$/);
  expect(lines[lines.findIndex((line) => line.endsWith("msg=first line")) + 1]).toBe("second line");
  expect(lines.filter((line) => !RECORD.test(line)).every((line) => !line.startsWith("log="))).toBe(true);
  // The file keeps the audit log, as the pack has it.
  expect(auditFile).toContain(AUDIT);
});

it("keeps the audit log off stdout, and in its file, with logs.auditToStdout false", () => {
  const { stdout, auditFile } = logThrough(["logs.auditToStdout=false"]);
  expect(stdout).not.toContain(AUDIT);
  expect(stdout).toContain("log=carbon time=");
  expect(auditFile).toContain(AUDIT);
});
