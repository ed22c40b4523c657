// The readiness probe's path never reaches a page that opens an HTTP session per request: /carbon, a
// tenant's URL (/t/<domain>/..., which reaches /carbon again), the JSP login, consent and recovery pages,
// or any JSP page (config/probe-path.ts).
import { loadMinimal, minimalProblems } from "./helpers/cli-config";

describe("probes.path", () => {
  it.each([
    ["/t/carbon.super/carbon/admin/index.jsp", "a tenant's URL"],
    ["/t/bank.example/api/health", "a tenant's URL"],
    ["/t", "a tenant's URL"],
    ["/ob/authenticationendpoint/login.do", "JSP pages"],
    ["/authenticationendpoint", "JSP pages"],
    ["/accountrecoveryendpoint/recoverpassword.do", "JSP pages"],
    ["/api/health.jsp", "a JSP page"],
    ["/dashboard/index.JSPX", "a JSP page"],
  ])("refuses %s (%s), naming the key and the reason", (path, why) => {
    expect(minimalProblems({ "obkm:probes.path": path })).toEqual([
      expect.stringMatching(
        new RegExp(`^obkm:probes\\.path: got "${path.replace(/\./g, "\\.")}"; expected a path outside /carbon, /t, .* because .*${why}`),
      ),
    ]);
  });

  it.each(["/api/health-check/v1.0/health", "/tx/health", "/jsp/health", "/api/page.jsp.txt"])("accepts %s, which only resembles one", (path) => {
    expect(loadMinimal({ "obkm:probes.path": path }).config.probes.readinessPath).toBe(path);
  });
});
