// Says whether a truststore trusts the certificate chain a keystore's key entry presents, as a TLS client in
// the KM's JVM decides it: a PKIX TrustManagerFactory (SunJSSE) initialised from the truststore, and
// checkServerTrusted on the chain. Prints "trusted" or "untrusted: <why>".
// Arguments: truststore, its type, its password file, keystore, its type, its password file, alias.
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

public class TrustOracle {
    static KeyStore open(String file, String type, String passwordFile) throws Exception {
        String password = Files.readAllLines(Paths.get(passwordFile), StandardCharsets.UTF_8).get(0);
        KeyStore store = KeyStore.getInstance(type);
        try (FileInputStream in = new FileInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    public static void main(String[] args) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(open(args[0], args[1], args[2]));
        X509TrustManager trust = null;
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager) trust = (X509TrustManager) manager;
        }
        Certificate[] presented = open(args[3], args[4], args[5]).getCertificateChain(args[6]);
        if (presented == null) throw new IllegalArgumentException("no key entry " + args[6] + " in " + args[3]);
        X509Certificate[] chain = new X509Certificate[presented.length];
        for (int i = 0; i < presented.length; i++) chain[i] = (X509Certificate) presented[i];
        try {
            // RSA keys, as a TLS 1.2 RSA key exchange names them.
            trust.checkServerTrusted(chain, "RSA");
            System.out.println("trusted");
        } catch (CertificateException e) {
            System.out.println("untrusted: " + e.getMessage());
        }
    }
}
