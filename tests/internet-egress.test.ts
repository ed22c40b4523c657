// Internet egress that is told: the KM fetches the OB directory's JWKS (the call map's km.directory-jwks, route
// internet, condition jwks) through the forward proxy or a public range of networkPolicy.egressCidrs; a stack
// other than dev with neither is refused before anything is created, unless it says the KM fetches no JWKS
// (openBanking.directoryJwks false); a dev stack is warned. A range is a way out when it holds a public
// address by config/public-addresses.ts, the table the trusted proxies read too: a documentation range
// (RFC 5737, RFC 3849), which IANA's special-purpose registries mark not globally reachable, is none.
import { holdsPublicAddress } from "../config/public-addresses";
import { ConfigError } from "../config/problems";
import { plannedOf } from "./helpers/plan";

const REFUSAL =
  /^obkm:httpProxy\.host: is not set and obkm:networkPolicy\.egressCidrs holds no public range, .*OB directory's JWKS \(443\); expected httpProxy\.host and httpProxy\.port .*, or obkm:openBanking\.directoryJwks false if the KM fetches no JWKS from the internet$/;

/** A public range, where a directory could answer (9.0.0.0/8 is IBM's, globally reachable). */
const PUBLIC_RANGE = "9.0.0.0/8";

/** The prod example without its proxy, and the settings given. */
const withoutProxy = (sets: string[] = []) => ["httpProxy.host=", "httpProxy.port=0", ...sets];

function problemsOf(sets: string[], stack = "prod"): string[] {
  try {
    plannedOf(sets, stack);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/** The ports the NetworkPolicy lets out to the ranges of networkPolicy.egressCidrs. */
function rangedPorts(sets: string[], stack = "prod"): number[] {
  const policy = plannedOf(sets, stack).plan.networkPolicy as unknown as {
    spec: { egress: Array<{ to?: Array<{ ipBlock?: { cidr: string } }>; ports: Array<{ port: number }> }> };
  };
  return policy.spec.egress.filter((r) => r.to?.some((t) => t.ipBlock?.cidr === "10.30.4.0/24")).flatMap((r) => r.ports.map((p) => p.port));
}

describe("the OB directory's JWKS, on a stack other than dev", () => {
  it("is refused when neither a proxy nor a public range lets the nodes out, in one line naming the keys to set", () => {
    // The prod example's one range is private (10.30.4.0/24): no directory answers from there.
    expect(problemsOf(withoutProxy())).toEqual([expect.stringMatching(REFUSAL)]);
  });

  it("is accepted through the forward proxy, which then carries 443: the ranges do not", () => {
    expect(problemsOf([])).toEqual([]);
    expect(rangedPorts([])).not.toContain(443);
  });

  it("is accepted through a public range, where the NetworkPolicy lets 443 out", () => {
    const sets = withoutProxy([`networkPolicy.egressCidrs[1]=${PUBLIC_RANGE}`]);
    expect(problemsOf(sets)).toEqual([]);
    expect(rangedPorts(sets)).toContain(443);
  });

  it("is refused through documentation ranges only, where no directory answers", () => {
    for (const range of ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20"]) {
      expect(problemsOf(withoutProxy([`networkPolicy.egressCidrs[1]=${range}`]))).toEqual([expect.stringMatching(REFUSAL)]);
    }
  });

  it("is accepted when the stack says the KM fetches no JWKS from the internet, and 443 then stays shut", () => {
    const sets = withoutProxy(["openBanking.directoryJwks=false"]);
    expect(problemsOf(sets)).toEqual([]);
    expect(rangedPorts(sets)).not.toContain(443);
  });

  it("is accepted without a NetworkPolicy, which shuts nothing", () => {
    expect(problemsOf(withoutProxy(["networkPolicy.enabled=false"]))).toEqual([]);
  });

  it("is only a warning on a dev stack", () => {
    const { warnings } = plannedOf([], "dev");
    expect(warnings).toContainEqual(expect.stringMatching(/^obkm:httpProxy\.host is not set and .*cannot fetch the OB directory's JWKS \(443\)/));
    expect(plannedOf(["openBanking.directoryJwks=false"], "dev").warnings).toEqual([]);
  });
});

describe("a range that holds a public address", () => {
  it.each([
    ["0.0.0.0/0", true],
    ["8.0.0.0/7", true],
    ["198.51.0.0/16", true],
    ["2a00:1450::/32", true],
    ["2001:db8::/31", true],
    ["64:ff9b::/96", true],
    ["192.0.0.8/30", true],
    ["::/0", true],
    ["192.0.2.0/24", false],
    ["198.51.100.0/24", false],
    ["203.0.113.0/24", false],
    ["2001:db8::/32", false],
    ["3fff::/20", false],
    ["198.18.0.0/15", false],
    ["192.0.0.0/29", false],
    ["::ffff:8.8.8.0/120", false],
    ["4000::/2", false],
    ["10.30.4.0/24", false],
    ["10.0.0.0/8", false],
    ["172.16.0.0/12", false],
    ["172.20.0.0/16", false],
    ["192.168.1.0/24", false],
    ["100.64.0.0/10", false],
    ["127.0.0.1/32", false],
    ["169.254.0.0/16", false],
    ["fd00::/8", false],
    ["fe80::/64", false],
  ])("%s: %s", (cidr, expected) => {
    expect(holdsPublicAddress(cidr)).toBe(expected);
  });

  it("counts a range larger than a private block as public: it reaches beyond it", () => {
    // 10.0.0.0/7 holds 11.0.0.0/8, which is public.
    expect(holdsPublicAddress("10.0.0.0/7")).toBe(true);
  });
});
