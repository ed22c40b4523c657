// The handler properties of a Velocity gateway template, `<property name="..." value="..."/>`: the gateway's
// handlers take their settings so, a keystore's password among them (`<property name="password" ...>` beside
// each consent-enforcement handler in wso2/docker-open-banking 1.4.x docker-compose/obam-with-obkm/obam/uk/
// repository/resources/api_templates/velocity_template.xml). Read by their text, as urls.ts reads URLs: the
// template is no XML a parser could read, and every byte outside a replaced value stays as it was.

/** `<property name="n" value="v"`, with either quote and any spacing; the value is group 4. */
const PROPERTY = /(<property\s+name\s*=\s*(["']))([^"']*)\2(\s+value\s*=\s*)(?:"([^"]*)"|'([^']*)')/g;

/**
 * The template with the value of each property that `replace` answers for replaced (the quotes kept); a
 * property it answers undefined for stays byte for byte.
 */
export function replacePropertyValues(text: string, replace: (name: string, value: string) => string | undefined): string {
  return text.replace(PROPERTY, (whole: string, open: string, _q: string, name: string, between: string, dq?: string, sq?: string) => {
    const value = dq ?? sq ?? "";
    const next = replace(name, value);
    if (next === undefined) return whole;
    const quote = dq !== undefined ? '"' : "'";
    return `${open}${name}${open.slice(-1)}${between}${quote}${next}${quote}`;
  });
}
