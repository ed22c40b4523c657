// The nodes' logs, as log4j 1.2 writes them from repository/conf/log4j.properties (Carbon 4.4, Identity
// Server 5.7: wso2/product-is modules/distribution/conf/log4j.properties at 249320cb names the appenders
// used here: CARBON_CONSOLE, a CarbonConsoleAppender with a TenantAwarePatternLayout that the root logger
// writes to; AUDIT_LOGFILE, the file repository/logs/audit.log; the AUDIT_LOG logger, which writes to it
// alone since its additivity is false).
//
// Two edits, each a key (config/logs-keys.ts):
// - logs.format=logfmt gives CARBON_CONSOLE's layout a pattern of key=value fields, and the audit appender
//   the same with log=audit;
// - logs.auditToStdout adds an appender of our own, AUDIT_CONSOLE, to the AUDIT_LOG logger: a
//   CarbonConsoleAppender on System.out, in the logfmt layout or in AUDIT_LOGFILE's own.
//
// How log4j 1.2 reads them (apache/logging-log4j1 at v1_2_17, src/main/java/org/apache/log4j/):
// - PropertyConfigurator.parseCategory: a logger's value is `LEVEL, APPENDER, ...`, split on commas, each
//   appender name trimmed; parseAppender instantiates log4j.appender.NAME, its layout from
//   log4j.appender.NAME.layout, and sets every log4j.appender.NAME.layout.X and log4j.appender.NAME.X
//   through PropertySetter, which hands a String property its value untrimmed (convertArg);
// - parseAdditivityForLogger: log4j.additivity.NAME=false keeps a logger's events from its parents'
//   appenders, so the audit lines reach stdout once, not also through the root logger's CARBON_CONSOLE;
// - OptionConverter.findAndSubst/substVars: every value is searched for ${...}: the patterns here hold none;
// - ConsoleAppender writes to System.out unless Target says otherwise; WriterAppender.subAppend writes a
//   PatternLayout's output, then, since PatternLayout.ignoresThrowable() is true, each line of an
//   exception's stack trace on a line of its own;
// - PatternParser: %d{...} other than ISO8601, ABSOLUTE and DATE is a java.text.SimpleDateFormat pattern;
//   %p the level, %c the logger's name, %m the message as given, %n the line separator. Nothing is escaped.
import type { ObkmConfig } from "../config/load";
import { PropertiesEdit, PropertiesEditError, readProperties } from "../properties/edits";

export const LOG4J_PROPERTIES = "log4j.properties";

const CONSOLE = "CARBON_CONSOLE";
const AUDIT_FILE = "AUDIT_LOGFILE";
/** Our appender: the audit log on stdout. */
export const AUDIT_CONSOLE = "AUDIT_CONSOLE";
export const AUDIT_LOGGER = "AUDIT_LOG";

const CARBON_CONSOLE_APPENDER = "org.wso2.carbon.utils.logging.appenders.CarbonConsoleAppender";
const TENANT_AWARE_LAYOUT = "org.wso2.carbon.utils.logging.TenantAwarePatternLayout";

const appenderKey = (name: string) => `log4j.appender.${name}`;
const patternKey = (name: string) => `log4j.appender.${name}.layout.ConversionPattern`;

/**
 * The logfmt layout: every field before msg holds no space (an RFC 3339 time, a level word, a logger's
 * name, which Java class names never give a space), and msg is the rest of the line, unquoted, since a
 * PatternLayout cannot escape a quote in it. A message that holds a line break, and a stack trace, go on in
 * the lines after, which do not start with `log=`.
 */
export function logfmtPattern(log: "carbon" | "audit"): string {
  return `log=${log} time=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} level=%p logger=%c msg=%m%n`;
}

/** The edits of log4j.properties for this config, given the template's text (to read what it already says). */
export function log4jEdits(config: ObkmConfig, template: string): PropertiesEdit[] {
  const format = config.keyValues["logs.format"];
  const audit = config.keyValues["logs.auditToStdout"];
  const props = readProperties(LOG4J_PROPERTIES, template);
  const need = (key: string, why: string) => {
    if (!props.has(key)) throw new PropertiesEditError(LOG4J_PROPERTIES, key, `no such key in the template; ${why}`);
    return props.get(key) as string;
  };
  const edits: PropertiesEdit[] = [];
  if (format === "logfmt") {
    need(appenderKey(CONSOLE), "obkm:logs.format logfmt sets the layout of this appender (or set obkm:logs.format to carbon)");
    edits.push({ kind: "set", key: patternKey(CONSOLE), value: logfmtPattern("carbon") });
  }
  if (audit) {
    need(`log4j.logger.${AUDIT_LOGGER}`, "obkm:logs.auditToStdout adds an appender to this logger (or set obkm:logs.auditToStdout to false)");
    const pattern =
      format === "logfmt"
        ? logfmtPattern("audit")
        : need(
            patternKey(AUDIT_FILE),
            "obkm:logs.format carbon writes the audit log to stdout in this appender's layout (or set obkm:logs.format to logfmt)",
          );
    edits.push(
      { kind: "set", key: appenderKey(AUDIT_CONSOLE), value: CARBON_CONSOLE_APPENDER },
      { kind: "set", key: `${appenderKey(AUDIT_CONSOLE)}.Target`, value: "System.out" },
      // Tenant-aware, since AUDIT_LOGFILE's pattern may use its %P; a PatternLayout for the logfmt one.
      { kind: "set", key: `${appenderKey(AUDIT_CONSOLE)}.layout`, value: TENANT_AWARE_LAYOUT },
      { kind: "set", key: patternKey(AUDIT_CONSOLE), value: pattern },
      { kind: "appendToList", key: `log4j.logger.${AUDIT_LOGGER}`, item: AUDIT_CONSOLE },
      { kind: "set", key: `log4j.additivity.${AUDIT_LOGGER}`, value: "false" },
    );
  }
  return edits;
}
