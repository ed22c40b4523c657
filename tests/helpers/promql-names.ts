// The metric names a PromQL expression reads: every identifier that is not a function (followed by "("), a
// keyword, or inside a label matcher, a range or a grouping clause. Enough for the expressions obkm writes
// (tests/monitoring.test.ts); promtool parses them for real in the integration suite.
const KEYWORDS = new Set(["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right"]);

export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // string literals
    .replace(/\{[^}]*\}/g, " ") // label matchers
    .replace(/\[[^\]]*\]/g, " ") // ranges
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " "); // grouping label lists
  const names = [...stripped.matchAll(/(?<![\w:.])([A-Za-z_:][\w:]*)(?![\w:]|\s*\()/g)].map((m) => m[1]).filter((name) => !KEYWORDS.has(name));
  return [...new Set(names)];
}
