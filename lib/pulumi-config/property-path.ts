// The property paths of `pulumi config set --path` and of Pulumi.yaml's dotted config keys, parsed as the
// CLI parses them (pulumi/pulumi sdk/go/common/resource/properties_path.go, parsePropertyPath with strict
// set): names separated by '.', array indexes as [0], and names that hold a '.' quoted as ["a.b"].

export type PathStep = string | number;

/**
 * A path the CLI cannot follow. `shape` says why, for a message in the user's words: the value at `at` is not a
 * map or not a list where the path goes on (`not-container`), a list's step is a name (`list-needs-index`), a
 * map's step is an index (`map-needs-name`), or an index past the list's end (`index-out-of-range`, with the
 * list's length). The message stays the CLI's own.
 */
export type PathShape =
  | { kind: "not-container"; at: PathStep[]; wanted: "map" | "list" }
  | { kind: "list-needs-index"; at: PathStep[] }
  | { kind: "map-needs-name"; at: PathStep[] }
  | { kind: "index-out-of-range"; at: PathStep[]; length: number };

export class PropertyPathError extends Error {
  constructor(
    message: string,
    readonly shape?: PathShape,
  ) {
    super(message);
  }
}

export function parsePropertyPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  if (path.startsWith(".")) throw new PropertyPathError("expected property path to start with a name or index");
  let rest = path;
  while (rest.length > 0) {
    if (rest[0] === ".") {
      rest = rest.slice(1);
      if (rest.length === 0) throw new PropertyPathError("expected property path to end with a name or index");
      if (rest[0] === "[") throw new PropertyPathError("expected property name after '.'");
    } else if (rest[0] === "[") {
      if (rest[1] === '"') {
        let name = "";
        let i = 2;
        for (;;) {
          if (i >= rest.length) throw new PropertyPathError("missing closing quote in property name");
          if (rest[i] === '"') {
            i++;
            break;
          }
          if (rest[i] === "\\" && rest[i + 1] === '"') {
            name += '"';
            i += 2;
          } else {
            name += rest[i++];
          }
        }
        if (rest[i] !== "]") throw new PropertyPathError("missing closing bracket in property access");
        steps.push(name);
        rest = rest.slice(i + 1);
      } else {
        const close = rest.indexOf("]");
        if (close < 0) throw new PropertyPathError("missing closing bracket in array index");
        const segment = rest.slice(1, close);
        // Go's strconv.ParseInt: an optional sign and decimal digits, nothing else.
        if (!/^[+-]?\d+$/.test(segment)) throw new PropertyPathError(`invalid array index: ${JSON.stringify(segment)}`);
        steps.push(Number(segment));
        rest = rest.slice(close + 1);
      }
    } else {
      const end = rest.search(/[.[]/);
      const name = end < 0 ? rest : rest.slice(0, end);
      steps.push(name);
      rest = end < 0 ? "" : rest.slice(end);
    }
  }
  return steps;
}
