package dev.tocsin.sms;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Which dispatches were withdrawn (their broadcast was cancelled or superseded). The outbox asks
 * right before each provider call, and the answer is read from the database, so no SMS of a
 * withdrawn dispatch is handed to the provider after the withdrawal commits, whichever instance
 * sends it; only a call already started may complete. A withdrawal once seen is remembered, so
 * only live dispatches cost a query (a primary-key lookup outside any transaction).
 */
@ApplicationScoped
public class DispatchHalts {

    private final Map<Long, String> withdrawn = new ConcurrentHashMap<>();
    private final DataSource dataSource;

    DispatchHalts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Why the dispatch was withdrawn; empty while it may still be sent. */
    public Optional<String> withdrawn(long dispatchId) {
        String known = withdrawn.get(dispatchId);
        if (known != null) {
            return Optional.of(known);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT withdrawn_at, withdrawn_reason FROM sms_dispatch WHERE id = ?")) {
            ps.setLong(1, dispatchId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getTimestamp(1) != null) {
                    String reason = rs.getString(2) == null ? "withdrawn" : rs.getString(2);
                    withdrawn.put(dispatchId, reason);
                    return Optional.of(reason);
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read whether SMS dispatch " + dispatchId + " was withdrawn", e);
        }
    }
}
