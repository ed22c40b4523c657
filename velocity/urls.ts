// A byte-preserving URL editor for Apache Velocity templates: the OB API Manager's gateway template
// (repository/resources/api_templates/velocity_template.xml), which names the KM's consent-validation
// resources as URL literals (https://obkm:9446/consent/<spec>/... in wso2/docker-open-banking 1.4.x
// docker-compose/obam-with-obkm/obam/{uk,berlin,au}/repository/resources/api_templates/velocity_template.xml).
// The file is a Velocity template, not XML: directives (#if, #end), references ($var, $!var) and `##` comments
// stand between the tags, and the text need not be well-formed XML until Velocity has run. So no parser reads
// it: the editor finds URL literals `scheme://host:port` by their text and rewrites only the origin of the ones
// it is asked to, leaving every other byte as it was.

/** A URL literal's origin in the text: where it stands, and what it names. */
export interface VelocityUrl {
  /** Offsets of the origin `scheme://host:port` in the text; the path after it is not part of the span. */
  start: number;
  end: number;
  scheme: string;
  /** Lower case, without the brackets of an IPv6 literal. */
  host: string;
  port: number;
  /** 1-based, for messages. */
  line: number;
  /** The whole literal, up to a quote, a space, `<` or the end of the line, for messages. */
  literal: string;
}

/** A URL literal whose origin the editor will not rewrite, with the file and line. */
export class VelocityEditError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}: line ${line}: ${reason}`);
    this.name = "VelocityEditError";
  }
}

/**
 * An origin with an explicit port: a Velocity reference (`$host`, `${host}`) is no host, so `https://$kmHost:9446`
 * is not matched and stays as it is (its value is the template caller's).
 */
const ORIGIN = /\b(https?):\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})(?=[/?#"'\s<>]|$)/g;

/** Every URL literal with a host and an explicit port, in the order of the text. */
export function velocityUrls(text: string): VelocityUrl[] {
  return [...text.matchAll(ORIGIN)].map((m) => {
    const start = m.index!;
    const literalEnd = text.slice(start).search(/["'\s<>]|$/);
    return {
      start,
      end: start + m[0].length,
      scheme: m[1].toLowerCase(),
      host: m[2].replace(/^\[|\]$/g, "").toLowerCase(),
      port: Number(m[3]),
      line: text.slice(0, start).split("\n").length,
      literal: text.slice(start, start + literalEnd),
    };
  });
}

/** Which origins to rewrite: a URL on one of `ports` whose host is one of `hosts` becomes `to`. */
export interface VelocityRewrite {
  ports: readonly number[];
  /** Lower case. */
  hosts: readonly string[];
  /** The new origin, `scheme://host[:port]`. */
  to: string;
  /** Said of the ports in a refusal: what they are. */
  portsAre: string;
}

/** An edited span: where it stood in the input, and what it held before and after. */
export interface VelocityEdit {
  start: number;
  end: number;
  before: string;
  after: string;
  line: number;
}

/**
 * The template with the origin of every URL literal on one of `rewrite.ports` replaced by `rewrite.to`. A URL on
 * such a port whose host is not one of `rewrite.hosts` is refused, naming the file and line: the program cannot
 * tell a server of the bank's own that happens to use the port from a KM it does not know. URLs on other ports
 * stay as they are, as does every byte outside the edited origins.
 */
export function rewriteVelocityUrls(file: string, text: string, rewrite: VelocityRewrite): { content: string; edits: VelocityEdit[] } {
  const edits: VelocityEdit[] = velocityUrls(text)
    .filter((url) => rewrite.ports.includes(url.port))
    .map((url) => {
      if (!rewrite.hosts.includes(url.host))
        throw new VelocityEditError(
          file,
          url.line,
          `${url.literal} names port ${url.port}, ${rewrite.portsAre}, on host ${url.host}, which is not one the program knows as the KM's (${rewrite.hosts.join(", ")}); add the host to obkm:openBanking.packHosts if it stands for the KM, or move the URL off the port`,
        );
      return { start: url.start, end: url.end, before: text.slice(url.start, url.end), after: rewrite.to, line: url.line };
    });
  // From the last to the first, so earlier offsets stay valid.
  const content = [...edits].reverse().reduce((t, e) => t.slice(0, e.start) + e.after + t.slice(e.end), text);
  return { content, edits };
}
