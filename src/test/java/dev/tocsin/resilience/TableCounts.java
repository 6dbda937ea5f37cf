package dev.tocsin.resilience;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Row counts of every application table, read in one query: the "did anything change" probe. */
final class TableCounts {

    private final DataSource ds;
    private final String query;

    TableCounts(DataSource ds) throws SQLException {
        this.ds = ds;
        List<String> tables = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String schema = md.getDatabaseProductName().toLowerCase().contains("h2") ? "PUBLIC" : null;
            try (ResultSet rs = md.getTables(c.getCatalog(), schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String t = rs.getString("TABLE_NAME");
                    if (!t.toLowerCase().startsWith("flyway")) {
                        tables.add(t);
                    }
                }
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("no tables found");
        }
        this.query = String.join(
                " UNION ALL ",
                tables.stream()
                        .map(t -> "SELECT '" + t.toLowerCase() + "', COUNT(*) FROM " + t)
                        .toList());
    }

    Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    /** Tables whose count differs, as "table: before -> after". */
    static List<String> diff(Map<String, Long> before, Map<String, Long> after) {
        List<String> out = new ArrayList<>();
        after.forEach((t, n) -> {
            if (!n.equals(before.get(t))) {
                out.add(t + ": " + before.get(t) + " -> " + n);
            }
        });
        return out;
    }
}
