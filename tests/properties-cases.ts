// Texts and what java.util.Properties.load reads from them, each worked out from its javadoc (load(Reader))
// and load0/LineReader/loadConvert (openjdk/jdk src/java.base/share/classes/java/util/Properties.java).
// tests/properties-edits.test.ts holds our reader to them; tests/integration/properties.test.ts holds Java
// itself to them, so an expectation written wrong here fails there.
export interface JavaCase {
  name: string;
  text: string;
  expected: Record<string, string>;
}

export const JAVA_CASES: JavaCase[] = [
  {
    name: "=, : and white space separate a key from its value",
    text: "a=1\nb:2\nc 3\nd\t4\ne\f5\n",
    expected: { a: "1", b: "2", c: "3", d: "4", e: "5" },
  },
  { name: "white space around the separator is skipped; after the value it is kept", text: "  a  =  1  \n", expected: { a: "1  " } },
  { name: "a key alone has the empty value", text: "cheeses\n", expected: { cheeses: "" } },
  {
    name: "one = or : after white space is the separator, a second one is value",
    text: "a = = b\nc == d\ne :=f\ng=:h\n",
    expected: { a: "= b", c: "= d", e: "=f", g: ":h" },
  },
  { name: "escaped separators and spaces belong to the key", text: "a\\=b\\ c\\:d=e\n", expected: { "a=b c:d": "e" } },
  {
    name: "# and ! start a comment only as a line's first character other than white space",
    text: "# x=y\n! z=w\n  \t# indented=comment\na=1 # not a comment\nb=#2\n",
    expected: { a: "1 # not a comment", b: "#2" },
  },
  { name: "a comment line is never continued", text: "# c \\\na=1\n! d \\\nb=2\n", expected: { a: "1", b: "2" } },
  {
    name: "an odd number of backslashes continues the line, without the next line's leading white space",
    text: "fruits apple, banana, \\\n    pear, \\\n\t  cantaloupe\n",
    expected: { fruits: "apple, banana, pear, cantaloupe" },
  },
  { name: "an even number of backslashes is escaped backslashes", text: "a=x\\\\\nb=2\n", expected: { a: "x\\", b: "2" } },
  { name: "a continuation line that starts with # is no comment", text: "a=1\\\n  # 2\n", expected: { a: "1# 2" } },
  { name: "a continuation onto an empty line ends there", text: "a=1\\\n\nb=2\n", expected: { a: "1", b: "2" } },
  { name: "lines end at \\n, \\r or \\r\\n", text: "a=1\rb=2\r\nc=3\nd=4", expected: { a: "1", b: "2", c: "3", d: "4" } },
  { name: "a continuation over \\r\\n", text: "a=1\\\r\n  2\r\nb=3", expected: { a: "12", b: "3" } },
  { name: "a continuation inside the key", text: "a\\\n  b=c\n", expected: { ab: "c" } },
  {
    name: "escapes: \\t \\n \\r \\f \\uXXXX, and a backslash before any other character is dropped",
    text: 'a=\\t\\n\\r\\f\\u0041\\u00e9\\z\\\\\\"\n',
    expected: { a: '\t\n\r\fA\u00e9z\\"' },
  },
  { name: "a backslash at the end of the file is dropped", text: "a=1\\", expected: { a: "1" } },
  { name: "a key given twice keeps its last value", text: "a=1\na=2\n", expected: { a: "2" } },
  { name: "an empty key", text: "=v\n", expected: { "": "v" } },
  { name: "an escaped space starts a value with a space", text: "a=\\ x\n", expected: { a: " x" } },
  {
    name: "log4j's ${...} and % are plain characters to Properties",
    text: "log4j.appender.F.File=${carbon.home}/x.log\nlog4j.appender.F.layout.ConversionPattern=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %m%n\n",
    expected: {
      "log4j.appender.F.File": "${carbon.home}/x.log",
      "log4j.appender.F.layout.ConversionPattern": "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %m%n",
    },
  },
];
