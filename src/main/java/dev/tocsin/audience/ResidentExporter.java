package dev.tocsin.audience;

import dev.tocsin.audit.AuditLog;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Residents of an area (and everything below it) as CSV for audit: UTF-8 with a byte order
 * mark so Excel reads Chinese names, written in chunks straight to the response. The columns
 * start with the import's, so an export can be edited and imported again.
 */
@ApplicationScoped
public class ResidentExporter {

    static final List<String> HEADER = List.of(
            "name",
            "phone",
            "area",
            "language",
            "tags",
            "consent",
            "consent_at",
            "consent_channel",
            "test_recipient",
            "prefers_call");
    private static final int CHUNK = 1000;

    private final EntityManager em;
    private final AuditLog audit;

    ResidentExporter(EntityManager em, AuditLog audit) {
        this.em = em;
        this.audit = audit;
    }

    /** Checks the area and records the export in the audit trail; returns the area's path. */
    @Transactional
    public String begin(String actor, String areaCode) {
        if (areaCode == null || areaCode.isBlank()) {
            throw ProblemException.badRequest("area", "give the area code to export");
        }
        Area area = Area.findByCode(areaCode)
                .orElseThrow(() -> ProblemException.badRequest("area", "no area with code '" + areaCode + "'"));
        audit.record(actor, "resident.export", "area:" + areaCode, null);
        return area.path;
    }

    /** Writes every resident under {@code path}, ordered by id, reading one chunk at a time. */
    @Transactional
    @TransactionConfiguration(timeout = 1800)
    public void write(String path, OutputStream out) {
        try {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\uFEFF');
            CSVPrinter csv = CSVFormat.EXCEL.builder().get().print(w);
            csv.printRecord(HEADER);
            Map<Long, String> codes = new HashMap<>();
            Area.<Area>listAll().forEach(a -> codes.put(a.id, a.code));
            long after = 0;
            while (true) {
                List<Object[]> rows = chunk(path, after);
                if (rows.isEmpty()) {
                    break;
                }
                List<Long> ids =
                        rows.stream().map(o -> ((Number) o[0]).longValue()).toList();
                Map<Long, TreeSet<String>> areas =
                        links("select resident_id, area_id from resident_area where resident_id in ", ids);
                Map<Long, TreeSet<String>> tags =
                        links("select resident_id, tag from resident_tag where resident_id in ", ids);
                for (Object[] o : rows) {
                    long id = ((Number) o[0]).longValue();
                    List<String> areaCodes = areas.getOrDefault(id, new TreeSet<>()).stream()
                            .map(a -> codes.get(Long.valueOf(a)))
                            .sorted()
                            .toList();
                    csv.printRecord(
                            CsvCells.neutralise((String) o[1]),
                            CsvCells.neutralise((String) o[2]),
                            CsvCells.neutralise(String.join(";", areaCodes)),
                            CsvCells.neutralise((String) o[3]),
                            CsvCells.neutralise(String.join(";", tags.getOrDefault(id, new TreeSet<>()))),
                            Consent.valueOf((String) o[4]).id(),
                            instant(o[5]),
                            CsvCells.neutralise((String) o[6]),
                            bool(o[7]),
                            bool(o[8]));
                    after = id;
                }
                csv.flush();
                em.clear();
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> chunk(String path, long after) {
        return em.createNativeQuery("select r.id, r.name, r.phone, r.language, r.consent, r.consent_at,"
                        + " r.consent_channel, r.test_recipient, r.prefers_call from resident r where r.id > ?1 and exists (select 1"
                        + " from resident_area ra join area a on a.id = ra.area_id where ra.resident_id = r.id and a.path like ?2)"
                        + " order by r.id")
                .setParameter(1, after)
                .setParameter(2, path + "%")
                .setMaxResults(CHUNK)
                .getResultList();
    }

    private Map<Long, TreeSet<String>> links(String sql, List<Long> ids) {
        Map<Long, TreeSet<String>> out = new HashMap<>();
        for (Object[] o : NativeIn.rows(em, sql, ids)) {
            out.computeIfAbsent(((Number) o[0]).longValue(), k -> new TreeSet<>())
                    .add(String.valueOf(o[1]));
        }
        return out;
    }

    /** H2 reads a BOOLEAN as Boolean, MariaDB as a number. */
    private static boolean bool(Object value) {
        return Boolean.TRUE.equals(value) || (value instanceof Number n && n.intValue() == 1);
    }

    private static String instant(Object value) {
        if (value == null) {
            return "";
        }
        LocalDateTime utc = value instanceof java.sql.Timestamp ts
                ? ts.toLocalDateTime()
                : value instanceof LocalDateTime l
                        ? l
                        : LocalDateTime.parse(value.toString().replace(' ', 'T'));
        Instant at = utc.toInstant(ZoneOffset.UTC);
        return at.toString();
    }
}
