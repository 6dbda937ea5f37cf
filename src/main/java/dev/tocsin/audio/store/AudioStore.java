package dev.tocsin.audio.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Rendered programmes in the database, shared by every instance. The render key is the primary
 * key, so when two instances store the same key at once the second insert fails and the first
 * one's audio is used. Audio bytes are stored in chunks (see V4_1__audio_store.sql).
 */
@ApplicationScoped
@Transactional
public class AudioStore {

    static final int CHUNK_BYTES = 60_000;

    private final DataSource dataSource;

    AudioStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Thrown when another instance or thread stored the key first. */
    public static final class AlreadyStored extends RuntimeException {
        AlreadyStored(String key, Throwable cause) {
            super("audio " + key + " already stored", cause, false, false);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RenderedProgramme> find(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT profile_id, programme_id, severity, engine, duration_ms,"
                                + " loudness_lufs, true_peak_dbtp, sample_rate, wav_bytes, mp3_bytes, wav_sha256, mp3_sha256,"
                                + " render_ms, created_at, recorded_share, synthesized_parts FROM audio_render WHERE render_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RenderedProgramme(
                        key,
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getLong(5),
                        r.getDouble(6),
                        r.getDouble(7),
                        r.getInt(8),
                        r.getLong(9),
                        r.getLong(10),
                        r.getString(11),
                        r.getString(12),
                        r.getLong(13),
                        r.getTimestamp(14).toInstant(),
                        r.getObject(15) == null ? null : r.getDouble(15),
                        parts(r.getString(16))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read audio " + key, e);
        }
    }

    public void store(RenderedProgramme p, byte[] wav, byte[] mp3) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO audio_render (render_key, profile_id, programme_id,"
                            + " severity, engine, duration_ms, loudness_lufs, true_peak_dbtp, sample_rate, wav_bytes, mp3_bytes,"
                            + " wav_sha256, mp3_sha256, render_ms, created_at, recorded_share, synthesized_parts)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                s.setString(1, p.key());
                s.setString(2, p.profileId());
                s.setString(3, p.programmeId());
                s.setString(4, p.severity());
                s.setString(5, p.engine());
                s.setLong(6, p.durationMs());
                s.setDouble(7, p.loudnessLufs());
                s.setDouble(8, p.truePeakDbtp());
                s.setInt(9, p.sampleRate());
                s.setLong(10, p.wavBytes());
                s.setLong(11, p.mp3Bytes());
                s.setString(12, p.wavSha256());
                s.setString(13, p.mp3Sha256());
                s.setLong(14, p.renderMs());
                s.setTimestamp(15, Timestamp.from(p.createdAt()));
                if (p.recordedShare() == null) {
                    s.setNull(16, Types.DOUBLE);
                } else {
                    s.setDouble(16, p.recordedShare());
                }
                s.setString(17, p.synthesizedParts() == null ? null : String.join("\n", p.synthesizedParts()));
                s.executeUpdate();
            } catch (SQLException e) {
                if (isDuplicateKey(e)) {
                    throw new AlreadyStored(p.key(), e);
                }
                throw e;
            }
            insertChunks(c, p.key(), AudioFormat.WAV, wav);
            insertChunks(c, p.key(), AudioFormat.MP3, mp3);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store audio " + p.key(), e);
        }
    }

    /** Bytes {@code from..to} (inclusive) of a stored file. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] read(String key, AudioFormat format, long from, long to) {
        int first = (int) (from / CHUNK_BYTES);
        int last = (int) (to / CHUNK_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (to - from + 1));
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT seq, data FROM audio_chunk WHERE render_key = ?"
                        + " AND format = ? AND seq BETWEEN ? AND ? ORDER BY seq")) {
            s.setString(1, key);
            s.setString(2, format.name());
            s.setInt(3, first);
            s.setInt(4, last);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long chunkStart = (long) r.getInt(1) * CHUNK_BYTES;
                    byte[] data = r.getBytes(2);
                    int a = (int) Math.max(0, from - chunkStart);
                    int b = (int) Math.min(data.length, to - chunkStart + 1);
                    out.write(data, a, b - a);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read audio " + key, e);
        }
        return out.toByteArray();
    }

    /** Sentences never hold a line break, so one part per line. */
    private static List<String> parts(String column) {
        return column == null ? null : column.isEmpty() ? List.of() : List.of(column.split("\n"));
    }

    private static void insertChunks(Connection c, String key, AudioFormat format, byte[] bytes) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO audio_chunk (render_key, format, seq, data) VALUES (?,?,?,?)")) {
            for (int seq = 0; (long) seq * CHUNK_BYTES < bytes.length; seq++) {
                int from = seq * CHUNK_BYTES;
                s.setString(1, key);
                s.setString(2, format.name());
                s.setInt(3, seq);
                s.setBytes(4, Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK_BYTES)));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        // 23505: SQL standard unique violation (H2); 23000 + 1062: MariaDB duplicate entry.
        return "23505".equals(e.getSQLState())
                || e.getErrorCode() == 1062
                || ("23000".equals(e.getSQLState())
                        && String.valueOf(e.getMessage()).contains("Duplicate"));
    }
}
