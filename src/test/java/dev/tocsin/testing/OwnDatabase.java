package dev.tocsin.testing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of its own for a test profile, empty at start: the tests sharing the in-memory H2
 * (or the MariaDB test database) leave queued work behind, and a test that measures what its own
 * outbox sends must not wait behind it.
 */
public final class OwnDatabase {

    private OwnDatabase() {}

    /** Config overrides pointing the datasource at database {@code name} (H2 in memory, or a fresh MariaDB one). */
    public static Map<String, String> config(String name) {
        if (System.getProperty("quarkus.test.profile", "").contains("mariadb")) {
            return Map.of("%mariadb-test.quarkus.datasource.jdbc.url", freshMariaDb("tocsin_" + name));
        }
        return Map.of("%test.quarkus.datasource.jdbc.url", "jdbc:h2:mem:tocsin-" + name + ";DB_CLOSE_DELAY=-1");
    }

    private static String freshMariaDb(String database) {
        String url = System.getProperty("tocsin.test.mariadb.url");
        Matcher m = Pattern.compile("(jdbc:mariadb://[^/]+/)([^?]*)(.*)").matcher(url == null ? "" : url);
        if (!m.matches()) {
            throw new IllegalStateException("tocsin.test.mariadb.url is not a jdbc:mariadb://host/db URL: " + url);
        }
        try (var c = DriverManager.getConnection(
                        m.group(1) + m.group(3),
                        System.getProperty("tocsin.test.mariadb.username"),
                        System.getProperty("tocsin.test.mariadb.password", ""));
                var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database);
            st.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
        return m.group(1) + database + m.group(3);
    }
}
