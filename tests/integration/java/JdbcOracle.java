// Connects to a database with a JDBC URL as a datasource of the KM does (java.sql.DriverManager, the driver
// on the class path), as the user given and with the password in the environment's OBKM_JDBC_PASSWORD, and
// prints whether the session runs over TLS, as PostgreSQL reports it (pg_stat_ssl, for the session's own
// backend). A connection the driver refuses prints the exception's class and message and exits 1.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

public class JdbcOracle {
    public static void main(String[] args) {
        try (Connection connection = DriverManager.getConnection(args[0], args[1], System.getenv("OBKM_JDBC_PASSWORD"));
             ResultSet row = connection.createStatement().executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            row.next();
            System.out.println("connected, ssl " + row.getBoolean(1));
        } catch (SQLException e) {
            Throwable cause = e;
            while (cause.getCause() != null) cause = cause.getCause();
            System.out.println("refused: " + e.getClass().getName() + ": " + e.getMessage() + " (" + cause.getClass().getName() + ")");
            System.exit(1);
        }
    }
}
