// Config keys of the nodes' logs: the layout of what reaches stdout, and whether the audit log does.
import type { KeySpec } from "./key-spec";
import * as rules from "./rules";

export const logsKeys = {
  "logs.format": {
    type: "string",
    default: "logfmt",
    description:
      "Layout of the log lines on stdout (log4j.properties): logfmt (one record a line, `log=carbon|audit time=... level=... logger=... msg=...`, the message last and unquoted; see docs/operations.md, Logs) or carbon (the layouts as the template has them).",
    rule: rules.oneOf(["logfmt", "carbon"]),
  },
  "logs.auditToStdout": {
    type: "boolean",
    default: true,
    description:
      "Also write the audit log (log4j's AUDIT_LOG logger) to stdout through an appender of its own, beside repository/logs/audit.log, for the cluster's log shipping; its lines start with log=audit in the logfmt layout.",
    rule: rules.boolean(),
  },
} satisfies Record<string, KeySpec>;
