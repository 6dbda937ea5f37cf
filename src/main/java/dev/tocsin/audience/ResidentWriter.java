package dev.tocsin.audience;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Writes imported residents with JDBC batches: one statement shape per batch, so a chunk of
 * 1,000 rows costs a handful of round trips instead of thousands. Instants are written as
 * UTC wall-clock time, as Hibernate does with {@code hibernate.jdbc.timezone=UTC}.
 */
final class ResidentWriter {

    /**
     * A row ready to write; {@code id} is new for inserts, existing for updates.
     *
     * @param consentAt when the consent being kept was given (a number on the opt-out list keeps
     *        its opt-out time, as UTC wall-clock time); null for the import time
     * @param prefersCall the file's prefers_call cell; null (no cell) keeps an existing
     *        resident's preference and gives a new one SMS
     */
    record Pending(
            long id,
            String name,
            String phone,
            String language,
            Set<Long> areaIds,
            Set<String> tags,
            Boolean prefersCall,
            boolean optedOut,
            String consentChannel,
            LocalDateTime consentAt) {}

    private ResidentWriter() {}

    static void insert(Connection c, List<Pending> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("insert into resident (id, name, phone, language, consent,"
                + " consent_at, consent_channel, test_recipient, prefers_call, created_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Pending p : rows) {
                ps.setLong(1, p.id());
                ps.setString(2, p.name());
                ps.setString(3, p.phone());
                ps.setString(4, p.language());
                ps.setString(5, (p.optedOut() ? Consent.OPTED_OUT : Consent.SUBSCRIBED).name());
                ps.setObject(6, p.consentAt() != null ? p.consentAt() : at);
                ps.setString(7, p.consentChannel());
                ps.setBoolean(8, false);
                ps.setBoolean(9, Boolean.TRUE.equals(p.prefersCall()));
                ps.setObject(10, at);
                ps.setObject(11, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        links(c, rows);
    }

    /** Updates name (when given), language, areas, tags and the call preference (when given). Consent is left alone. */
    static void update(Connection c, List<Pending> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("update resident set name = coalesce(?, name), language = ?,"
                + " prefers_call = coalesce(?, prefers_call), updated_at = ? where id = ?")) {
            for (Pending p : rows) {
                ps.setString(1, p.name());
                ps.setString(2, p.language());
                if (p.prefersCall() == null) {
                    ps.setNull(3, java.sql.Types.BOOLEAN);
                } else {
                    ps.setBoolean(3, p.prefersCall());
                }
                ps.setObject(4, at);
                ps.setLong(5, p.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (String table : List.of("resident_area", "resident_tag")) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where resident_id = ?")) {
                for (Pending p : rows) {
                    ps.setLong(1, p.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        links(c, rows);
    }

    private static void links(Connection c, List<Pending> rows) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("insert into resident_area (resident_id, area_id) values (?, ?)")) {
            for (Pending p : rows) {
                for (Long areaId : p.areaIds()) {
                    ps.setLong(1, p.id());
                    ps.setLong(2, areaId);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into resident_tag (resident_id, tag) values (?, ?)")) {
            boolean any = false;
            for (Pending p : rows) {
                for (String tag : p.tags()) {
                    ps.setLong(1, p.id());
                    ps.setString(2, tag);
                    ps.addBatch();
                    any = true;
                }
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }
}
