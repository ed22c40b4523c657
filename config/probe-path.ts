// The readiness probe's HTTP path: one the kubelet may request every 10 s on every node without leaving an
// HTTP session behind each time. A request opens a session wherever the product's code asks for one:
//   - under /carbon: Carbon's CarbonSecuredHttpContext.handleSecurity calls request.getSession() for every
//     request (carbon-kernel v4.4.35, core/org.wso2.carbon.ui/src/main/java/org/wso2/carbon/ui/
//     CarbonSecuredHttpContext.java);
//   - a tenant's URL, /t/<domain>/...: Carbon serves every webapp, /carbon among them, again under it
//     (carbon-kernel MultitenantConstants.TENANT_AWARE_URL_PREFIX "t");
//   - a JSP page (*.jsp, *.jspx, which Tomcat's conf/web.xml maps to its JspServlet): a page takes part in a
//     session unless it says session="false" (JSP 2.x specification, the page directive's session
//     attribute, true by default), and so do the JSP applications' pages behind their *.do mappings and
//     welcome files: the login and consent pages (/ob/authenticationendpoint, /authenticationendpoint) and
//     the account recovery pages (/accountrecoveryendpoint).
// No '%', ';', '.' or '..' segments and no '//' either: Tomcat decodes, strips path parameters and
// normalises before it maps a path, so any of those could reach one of the above in disguise.
import { z } from "zod";

/** Paths whose every request may open a session, each with the reason, compared without case. */
export const SESSION_PATHS: ReadonlyArray<{ prefix: string; why: string }> = [
  {
    prefix: "/carbon",
    why: "Carbon opens an HTTP session for every request under /carbon (carbon-kernel v4.4.35 CarbonSecuredHttpContext.handleSecurity)",
  },
  { prefix: "/t", why: "a tenant's URL (/t/<domain>/...) reaches every webapp again, /carbon among them" },
  { prefix: "/ob/authenticationendpoint", why: "the login and consent pages are JSP pages, which take part in a session" },
  { prefix: "/authenticationendpoint", why: "the login pages are JSP pages, which take part in a session" },
  { prefix: "/accountrecoveryendpoint", why: "the account recovery pages are JSP pages, which take part in a session" },
];

const JSP_PAGE = /\.jspx?$/i;
const prefixes = SESSION_PATHS.map((p) => p.prefix);
const OUTSIDE = `${prefixes.slice(0, -1).join(", ")} and ${prefixes[prefixes.length - 1]},`;

export function probePath() {
  const shape =
    "empty (the readiness probe connects to the HTTPS port) or an absolute URL path such as /api/health-check/v1.0/health: one or more segments of letters, digits and -._~!$&'()*+,=:@ joined by single slashes, no . or .. segment";
  return z.string({ invalid_type_error: shape }).superRefine((path, ctx) => {
    if (path === "") return;
    const segments = path.split("/").slice(1);
    const wellFormed =
      path.startsWith("/") &&
      segments.every((s, i) => (s === "" ? i === segments.length - 1 && i > 0 : /^[A-Za-z0-9._~!$&'()*+,=:@-]+$/.test(s) && s !== "." && s !== ".."));
    if (!wellFormed) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: shape });
      return;
    }
    const lower = path.toLowerCase();
    const under = SESSION_PATHS.find(({ prefix }) => lower === prefix || lower.startsWith(`${prefix}/`));
    const reason =
      under?.why ?? (segments.some((s) => JSP_PAGE.test(s)) ? "a JSP page takes part in an HTTP session unless it says otherwise" : undefined);
    if (reason) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `a path outside ${OUTSIDE} and not a JSP page, because ${reason}: one session per probe, every 10 s on every node`,
      });
    }
  });
}
