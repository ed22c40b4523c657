// The public key of each PEM certificate file given, as the JDK reads it: the hex of
// X509Certificate.getPublicKey().getEncoded(), the key's X.509 SubjectPublicKeyInfo in DER
// (java.security.Key getEncoded, format "X.509"). One line a file, in the order given.
import java.io.FileInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

public class KeyOracle {
    public static void main(String[] args) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (String file : args) {
            try (FileInputStream in = new FileInputStream(file)) {
                byte[] key = ((X509Certificate) factory.generateCertificate(in)).getPublicKey().getEncoded();
                StringBuilder hex = new StringBuilder();
                for (byte b : key) hex.append(String.format("%02x", b & 0xff));
                System.out.println(hex);
            }
        }
    }
}
