// Java's own answer to whether Tomcat's RemoteIpValve would trust a peer: the peer's address written by
// InetAddress.getHostAddress(), as Tomcat 7's connectors take it (Http11NioProcessor: remoteAddr =
// inetAddr.getHostAddress()), tested with Pattern.compile(internalProxies).matcher(remoteAddr).matches(), as
// RemoteIpValve tests it. Reads lines "<expression index> <address bytes as hex>" from the file named first,
// the expressions one per line (hex UTF-8) from the file named second; prints 1 or 0 per line.
// Run with `java AddressOracle.java PAIRS EXPRESSIONS` (a single-file program: JDK 11 and later).
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

public class AddressOracle {
    static byte[] bytesOf(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        return bytes;
    }

    public static void main(String[] args) throws Exception {
        List<Pattern> patterns = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(args[1]))) {
            patterns.add(Pattern.compile(new String(bytesOf(line), StandardCharsets.UTF_8)));
        }
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(Paths.get(args[0]))) {
            String[] parts = line.split(" ", -1);
            String remoteAddr = InetAddress.getByAddress(bytesOf(parts[1])).getHostAddress();
            out.append(patterns.get(Integer.parseInt(parts[0])).matcher(remoteAddr).matches() ? '1' : '0');
        }
        System.out.print(out);
    }
}
