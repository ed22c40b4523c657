// Stand-ins of our own for the Carbon 4.4 classes that a KM's `log4j.properties` names, so that log4j 1.2
// (Debian's `liblog4j1.2-java`) can read the rendered file as it is: each extends the log4j class the real
// one extends (wso2/carbon-kernel `core/org.wso2.carbon.utils/src/main/java/org/wso2/carbon/utils/logging/`:
// `CarbonConsoleAppender extends ConsoleAppender`, `TenantAwarePatternLayout extends PatternLayout`) and adds
// only the setters the file sets. The real ones add tenant details to each event and `%T`, `%P` and other
// conversions, which the logfmt layout does not use. `Log4jOracle.java` configures log4j from a file and logs
// a few events; `tests/integration/log4j.test.ts` reads what reaches stdout and the files.
//
// Configures log4j 1.2 from the log4j.properties given (PropertyConfigurator, as Carbon does), with
// carbon.home set to the directory given, then logs as the KM would: a server message holding quotes and
// '=', an error with an exception, a message with a line break, and an audit record.
import org.apache.log4j.LogManager;
import org.apache.log4j.Logger;
import org.apache.log4j.PropertyConfigurator;

public class Log4jOracle {
    public static void main(String[] args) {
        System.setProperty("carbon.home", args[1]);
        PropertyConfigurator.configure(args[0]);
        Logger server = Logger.getLogger("org.example.km.Server");
        server.info("started with \"quotes\" and a=b");
        server.error("failed", new IllegalStateException("boom"));
        server.warn("first line\nsecond line");
        Logger.getLogger("AUDIT_LOG").info("Initiator : admin@carbon.super | Action : Add User | Target : bob | Result : Success");
        LogManager.shutdown();
    }
}
