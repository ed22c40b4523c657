// Prints what java.util.Properties.load(InputStream) reads from each file given, as log4j 1.2's
// PropertyConfigurator loads log4j.properties: for each file a line "== <file>", then one line per key,
// sorted, "<key> <value>" each as the hex of its UTF-8 bytes (so no character of either can be misread);
// or "!! <message>" when load throws.
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;

public class PropertiesOracle {
    static String hex(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) out.append(String.format("%02x", b & 0xff));
        return out.toString();
    }

    public static void main(String[] args) throws Exception {
        for (String file : args) {
            System.out.println("== " + file);
            Properties props = new Properties();
            try (InputStream in = new FileInputStream(file)) {
                props.load(in);
            } catch (IllegalArgumentException e) {
                System.out.println("!! " + e.getMessage());
                continue;
            }
            for (String key : new TreeSet<>(props.stringPropertyNames())) System.out.println(hex(key) + " " + hex(props.getProperty(key)));
        }
    }
}
