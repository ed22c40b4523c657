// The .properties edit engine, against the rules of java.util.Properties.load (the javadoc of
// load(Reader), and load0/LineReader/loadConvert in openjdk/jdk src/java.base/share/classes/java/util/
// Properties.java). Each expectation is what Java reads, worked out from those rules; the integration suite
// (tests/integration/properties.test.ts) has Java itself read the same texts and the edited ones.
import { applyPropertiesEdits, escapeKey, escapeValue, parseProperties, PropertiesEditError, readProperties } from "../properties/edits";
import { JAVA_CASES } from "./properties-cases";

const read = (text: string) => Object.fromEntries(readProperties("f.properties", text));

describe("reading a .properties file as java.util.Properties.load does", () => {
  it.each(JAVA_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(read(c.text)).toEqual(c.expected);
  });

  it("refuses a malformed \\uxxxx escape, which makes load throw (and log4j ignore the whole file), naming the line", () => {
    expect(() => readProperties("log4j.properties", "a=1\nb=\\u12G4\n")).toThrow("log4j.properties: line 2: malformed \\uxxxx escape");
    expect(() => readProperties("log4j.properties", "a=\\u12")).toThrow(PropertiesEditError);
  });

  it("knows where each value stands, so an edit can splice it", () => {
    const text = "# c\n  key = val\\\n    ue\n";
    const [entry] = parseProperties("f", text);
    expect(text.slice(entry.valueStart, entry.end)).toBe("val\\\n    ue");
    expect(entry.line).toBe(2);
  });
});

describe("editing a .properties file", () => {
  const source = [
    "# a comment that looks like a key=value",
    "! another comment \\",
    "log4j.rootLogger = INFO, A",
    "",
    "log4j.logger.AUDIT_LOG:INFO,\\",
    "    AUDIT_FILE",
    "log4j.appender.A.layout.ConversionPattern\t[%d] %m%n",
    "dup=first",
    "dup=second",
    "",
  ].join("\r\n");

  it("changes only the value it sets, keeping each line's separator, comments, blank lines and line ends", () => {
    const edited = applyPropertiesEdits("f", source, [{ kind: "set", key: "log4j.appender.A.layout.ConversionPattern", value: "log=x msg=%m%n" }]);
    expect(edited).toBe(source.replace("ConversionPattern\t[%d] %m%n", "ConversionPattern\tlog=x msg=%m%n"));
  });

  it("sets every line of a key given twice (Java keeps the last; the first would mislead a reader)", () => {
    const edited = applyPropertiesEdits("f", source, [{ kind: "set", key: "dup", value: "third" }]);
    expect(edited).toBe(source.replace("dup=first", "dup=third").replace("dup=second", "dup=third"));
  });

  it("leaves a line that already holds the value as it is, whatever its escapes", () => {
    const text = "a=\\u0041b\n";
    expect(applyPropertiesEdits("f", text, [{ kind: "set", key: "a", value: "Ab" }])).toBe(text);
  });

  it("appends a new key at the end, with the file's line terminator", () => {
    expect(applyPropertiesEdits("f", source, [{ kind: "set", key: "new.key", value: "v" }])).toBe(source + "new.key=v\r\n");
    expect(applyPropertiesEdits("f", "a=1", [{ kind: "set", key: "b", value: "2" }])).toBe("a=1\nb=2\n");
    expect(applyPropertiesEdits("f", "", [{ kind: "set", key: "b", value: "2" }])).toBe("b=2\n");
  });

  it("ends a last line that continues at the end of the file before appending, as Java ended it", () => {
    // Java reads "a=1\" at the end of the file as a=1 (LineReader drops the backslash); appending right after it
    // would make the new line part of a's value. A blank line ends the logical line first.
    for (const text of ["a=1\\", "a=1\\\n"]) {
      const edited = applyPropertiesEdits("f", text, [{ kind: "set", key: "b", value: "2" }]);
      expect(read(edited)).toEqual({ a: "1", b: "2" });
      expect(edited.startsWith(text)).toBe(true);
    }
  });

  it("adds an item to a comma-separated list once, across its continuation lines", () => {
    const edit = { kind: "appendToList", key: "log4j.logger.AUDIT_LOG", item: "AUDIT_CONSOLE" } as const;
    const edited = applyPropertiesEdits("f", source, [edit]);
    expect(edited).toBe(source.replace("INFO,\\\r\n    AUDIT_FILE", "INFO,AUDIT_FILE, AUDIT_CONSOLE"));
    expect(read(edited)["log4j.logger.AUDIT_LOG"]).toBe("INFO,AUDIT_FILE, AUDIT_CONSOLE");
    expect(applyPropertiesEdits("f", edited, [edit])).toBe(edited);
    // An item is a trimmed token: " AUDIT_CONSOLE " is already there.
    expect(
      applyPropertiesEdits(
        "f",
        "l=INFO, AUDIT_CONSOLE \n",
        [edit].map((e) => ({ ...e, key: "l" })),
      ),
    ).toBe("l=INFO, AUDIT_CONSOLE \n");
    // An empty list gets no level: log4j's parseCategory reads ", X" as appenders only.
    expect(applyPropertiesEdits("f", "l=\n", [{ ...edit, key: "l" }])).toBe("l=, AUDIT_CONSOLE\n");
  });

  it("removes every line of a key, with its continuation lines, and refuses one that is not there unless told", () => {
    expect(applyPropertiesEdits("f", source, [{ kind: "remove", key: "log4j.logger.AUDIT_LOG" }])).toBe(
      source.replace("log4j.logger.AUDIT_LOG:INFO,\\\r\n    AUDIT_FILE\r\n", ""),
    );
    expect(() => applyPropertiesEdits("f", source, [{ kind: "remove", key: "missing" }])).toThrow(
      "f: missing: no such key in the template (commented-out lines do not count)",
    );
    expect(applyPropertiesEdits("f", source, [{ kind: "remove", key: "missing", ifPresent: true }])).toBe(source);
    // The comment that reads like a key is no key.
    expect(() => applyPropertiesEdits("f", source, [{ kind: "appendToList", key: "# a comment that looks like a key", item: "x" }])).toThrow(
      PropertiesEditError,
    );
  });

  it("writes values and keys that Java reads back as given", () => {
    const awkward = [" leading space", "=starts with a separator", ":colon", "tab\there", "line\nbreak", "back\\slash", "naïve €", "😀", "#!", ""];
    for (const value of awkward) {
      // A line separated by white space takes a leading = or : for its separator unless it is escaped.
      for (const text of ["k=old\n", "k old\n", "k\n"]) {
        const edited = applyPropertiesEdits("f", text, [{ kind: "set", key: "k", value }]);
        expect(read(edited)).toEqual({ k: value });
        expect(/^[\x20-\x7e\n]*$/.test(edited)).toBe(true); // ASCII: load(InputStream) reads ISO 8859-1
      }
      const key = `key ${value}=:`;
      expect(read(applyPropertiesEdits("f", "", [{ kind: "set", key, value }]))).toEqual({ [key]: value });
    }
    expect(escapeValue(" a b")).toBe("\\ a b");
    expect(escapeKey("a b=c")).toBe("a\\ b\\=c");
  });

  it("refuses a file Java would refuse even when no edit touches the bad line", () => {
    expect(() => applyPropertiesEdits("log4j.properties", "a=\\uZZZZ\n", [])).toThrow(/^log4j.properties: line 1: malformed/);
  });
});
