// Prints, for each URL given, the proxy the JVM's default ProxySelector picks for it ("DIRECT" or
// "HTTP host:port"), under whatever -D options the JVM was started with: the JDK's own reading of
// http(s).proxyHost, http(s).proxyPort and http.nonProxyHosts.
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;

public class ProxyOracle {
    public static void main(String[] args) throws Exception {
        for (String url : args) {
            Proxy proxy = ProxySelector.getDefault().select(new URI(url)).get(0);
            System.out.println(url + " " + (proxy.type() == Proxy.Type.DIRECT ? "DIRECT" : "HTTP " + proxy.address()));
        }
    }
}
