// Java's own answer for each (regular expression, text) pair, as Carbon's AbstractUserStoreManager asks it:
// Pattern.compile(regex).matcher(text).matches(). Reads lines "<regex index> <text as hex UTF-8>" from the file
// named first, the expressions one per line (hex UTF-8) from the file named second; prints 1 or 0 per pair.
// Run with `java RegexOracle.java PAIRS REGEXES` (a single-file program: JDK 11 and later).
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

public class RegexOracle {
    static String fromHex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        List<Pattern> patterns = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(args[1]))) patterns.add(Pattern.compile(fromHex(line)));
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(Paths.get(args[0]))) {
            String[] parts = line.split(" ", -1);
            boolean matches = patterns.get(Integer.parseInt(parts[0])).matcher(fromHex(parts[1])).matches();
            out.append(matches ? '1' : '0');
        }
        System.out.print(out);
    }
}
