package dev.tocsin.audience;

import dev.tocsin.alert.Languages;
import dev.tocsin.audience.ImportReport.Action;
import dev.tocsin.audience.ImportReport.Row;
import dev.tocsin.audience.ImportReport.Status;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;

/**
 * Bulk import of residents from a spreadsheet's CSV. The file is read as a stream, row by row;
 * rows are checked on their own (a bad row never stops the run), then looked up and written in
 * chunks with JDBC batches. A dry run (the default) reports what a commit would do; a commit
 * writes every accepted row in one transaction, so a failure leaves nothing behind.
 */
@ApplicationScoped
public class ResidentImporter {

    public enum Duplicates {
        /** A phone already in the database: replace name (if given), language, areas and tags. */
        UPDATE,
        /** A phone already in the database: leave the resident as it is. */
        SKIP
    }

    /** Recognised header names, lowercase; the first is the canonical column name. */
    static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("name", List.of("name", "姓名", "名字"));
        COLUMNS.put("phone", List.of("phone", "手机号", "手机号码", "电话", "手机", "电话号码", "mobile"));
        COLUMNS.put("area", List.of("area", "区域", "村", "地区", "村(社区)"));
        COLUMNS.put("language", List.of("language", "语言"));
        COLUMNS.put("tags", List.of("tags", "标签"));
        COLUMNS.put("prefers_call", List.of("prefers_call", "语音呼叫"));
    }

    private static final List<String> REQUIRED = List.of("phone", "area");
    private static final int MAX_NAME = 200;
    private static final int PROGRESS_EVERY = 100;

    private final Clock clock;
    private final AuditLog audit;
    private final PhoneNumbers phones;
    private final Languages languages;
    private final AudienceConfig.Import config;
    private final EntityManager em;

    ResidentImporter(
            Clock clock,
            AuditLog audit,
            PhoneNumbers phones,
            Languages languages,
            AudienceConfig config,
            EntityManager em) {
        this.clock = clock;
        this.audit = audit;
        this.phones = phones;
        this.languages = languages;
        this.config = config.importing();
        this.em = em;
    }

    /**
     * Reads the CSV and returns the report; with {@code commit} also writes the accepted rows.
     * Bad files (empty, no usable header, unreadable CSV on commit) are refused with a 400.
     */
    public ImportReport importCsv(
            String actor, InputStream body, Charset charset, boolean commit, Duplicates duplicates) {
        // The call goes through the interceptor, so the transaction (and its timeout) starts there.
        return importCsv(actor, body, charset, commit, duplicates, rows -> {});
    }

    /**
     * As above, telling {@code progress} how many rows are done (written or rejected) as the run
     * goes on; the transaction stays one, so a commit is still all accepted rows or none.
     */
    @Transactional
    @TransactionConfiguration(timeout = 1800)
    public ImportReport importCsv(
            String actor,
            InputStream body,
            Charset charset,
            boolean commit,
            Duplicates duplicates,
            LongConsumer progress) {
        try {
            CsvInput.Opened opened = CsvInput.open(body, charset, config.maxLineLength());
            CSVFormat format = CSVFormat.DEFAULT
                    .builder()
                    .setIgnoreSurroundingSpaces(true)
                    .setIgnoreEmptyLines(true)
                    .get();
            try (CSVParser parser = format.parse(opened.reader())) {
                var records = parser.iterator();
                if (!records.hasNext()) {
                    throw ProblemException.badRequest("file", "the file has no rows");
                }
                Run run = new Run(actor, opened.charset(), header(records.next()), commit, duplicates, progress);
                while (true) {
                    CSVRecord rec;
                    try {
                        if (!records.hasNext()) {
                            break;
                        }
                        rec = records.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        run.unreadable(parser.getRecordNumber() + 1, e);
                        break;
                    }
                    run.row(rec);
                    run.tellProgress();
                }
                return run.finish();
            }
        } catch (IOException e) {
            throw ProblemException.badRequest("file", "the upload could not be read: " + e.getMessage());
        }
    }

    /** Where each known column is, how many cells the header has, and the columns nobody reads. */
    private record Header(Map<String, Integer> positions, int cells, List<String> ignored) {}

    /** Maps column names (English or Chinese, any case) to positions; names the missing ones. */
    private static Header header(CSVRecord header) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, List<String>> c : COLUMNS.entrySet()) {
                if (c.getValue().contains(h)) {
                    if (positions.putIfAbsent(c.getKey(), i) != null) {
                        throw ProblemException.badRequest(
                                c.getKey(),
                                "the header names the '" + c.getKey() + "' column twice (columns "
                                        + (positions.get(c.getKey()) + 1) + " and " + (i + 1) + ")");
                    }
                }
            }
        }
        for (String required : REQUIRED) {
            if (!positions.containsKey(required)) {
                throw ProblemException.badRequest(
                        required,
                        "the header row has no '" + required + "' column (accepted names: "
                                + String.join(", ", COLUMNS.get(required)) + ")");
            }
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!positions.containsValue(i)) {
                ignored.add(header.get(i));
            }
        }
        return new Header(positions, header.size(), ignored);
    }

    /** A row that passed its own checks and waits for the database lookup of its chunk. */
    private record Candidate(
            long row,
            String name,
            String phone,
            String language,
            Set<Long> areaIds,
            Set<String> tags,
            Boolean prefersCall) {}

    /** State of one import: the report being built, phones seen so far, the current chunk. */
    private final class Run {
        final String actor;
        final Charset charset;
        final Header header;
        final boolean commit;
        final Duplicates duplicates;
        final LongConsumer progress;
        final Instant now = clock.instant();
        final AreaDirectory areas = new AreaDirectory(Area.listAll());
        final Map<String, Long> seen = new HashMap<>();
        final List<Candidate> chunk = new ArrayList<>();
        final List<Row> listed = new ArrayList<>();
        final SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
        final BeforeExecutionGenerator ids = (BeforeExecutionGenerator) session.getFactory()
                .getMappingMetamodel()
                .getEntityDescriptor(Resident.class)
                .getGenerator();
        long rowsRead;
        long accepted;
        long rejected;
        long inserted;
        long updated;
        long skipped;
        long keptOptedOut;
        long listedAccepted;
        long listedRejected;
        long omitted;
        long reported;
        String unreadable;

        Run(
                String actor,
                Charset charset,
                Header header,
                boolean commit,
                Duplicates duplicates,
                LongConsumer progress) {
            this.actor = actor;
            this.charset = charset;
            this.header = header;
            this.commit = commit;
            this.duplicates = duplicates;
            this.progress = progress;
        }

        void row(CSVRecord rec) {
            rowsRead++;
            long row = rec.getRecordNumber();
            String problem = wholeRowProblem(rec);
            if (problem != null) {
                reject(row, null, problem);
                return;
            }
            List<String> errors = new ArrayList<>();
            String name = cell(rec, "name");
            if (name.length() > MAX_NAME) {
                errors.add("name is longer than " + MAX_NAME + " characters");
            }
            PhoneNumbers.Result phone = phones.normalise(cell(rec, "phone"));
            if (!phone.ok()) {
                errors.add(phone.error());
            }
            Set<Long> areaIds = new LinkedHashSet<>();
            List<String> areaTexts = Arrays.stream(Tags.CELL_SEPARATOR.split(cell(rec, "area")))
                    .filter(s -> !s.isBlank())
                    .toList();
            if (areaTexts.isEmpty()) {
                errors.add("area is missing");
            }
            for (String a : areaTexts) {
                try {
                    areaIds.add(areas.resolve(a));
                } catch (IllegalArgumentException e) {
                    errors.add(e.getMessage());
                }
            }
            String langText = cell(rec, "language");
            String language = langText.isBlank()
                    ? languages.fallback()
                    : languages.find(langText).orElse(null);
            if (language == null) {
                errors.add(languages.unsupported(langText));
            }
            Set<String> tags = Set.of();
            try {
                tags = Tags.normaliseAll(Arrays.asList(Tags.CELL_SEPARATOR.split(cell(rec, "tags"))));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
            Boolean prefersCall = null;
            String callText = cell(rec, "prefers_call");
            if (!callText.isBlank()) {
                prefersCall = yesNo(callText);
                if (prefersCall == null) {
                    errors.add("prefers_call must be true, false, 1, 0, yes or no (not '" + callText + "')");
                }
            }
            if (!errors.isEmpty()) {
                reject(row, phone.e164(), String.join("; ", errors));
                return;
            }
            Long first = seen.putIfAbsent(phone.e164(), row);
            if (first != null) {
                reject(row, phone.e164(), "duplicate phone: same number as row " + first);
                return;
            }
            chunk.add(new Candidate(
                    row, name.isBlank() ? null : name, phone.e164(), language, areaIds, tags, prefersCall));
            if (chunk.size() >= config.chunkSize()) {
                flush();
            }
        }

        /** Every hundred rows, how many are done; rows still waiting in the chunk are not. */
        void tellProgress() {
            long done = rowsRead - chunk.size();
            if (rowsRead % PROGRESS_EVERY == 0 && done > reported) {
                reported = done;
                progress.accept(done);
            }
        }

        String wholeRowProblem(CSVRecord rec) {
            boolean blank = true;
            for (String v : rec) {
                if (v.indexOf(CsvInput.CUT) >= 0) {
                    return "line is longer than " + config.maxLineLength() + " characters; the rest of it was skipped";
                }
                if (v.indexOf(CsvInput.BAD) >= 0) {
                    return "row holds bytes that are not valid " + charset.name()
                            + "; is the file in another encoding? (pass ?charset=UTF-8 or ?charset=GBK)";
                }
                blank &= v.isBlank();
            }
            if (blank) {
                return "empty row";
            }
            if (rec.size() > header.cells()) {
                return "row has " + rec.size() + " cells but the header has " + header.cells()
                        + " (a comma inside a value that is not quoted?)";
            }
            return null;
        }

        String cell(CSVRecord rec, String column) {
            Integer i = header.positions().get(column);
            if (i == null || i >= rec.size()) {
                return "";
            }
            String v = rec.get(i).strip();
            // Our own export writes cells that could be formulas with a leading apostrophe.
            return v.startsWith("'") ? v.substring(1).strip() : v;
        }

        void unreadable(long row, RuntimeException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage()
                    : String.valueOf(e.getMessage());
            unreadable = "the CSV cannot be read from row " + row + " on (" + why + "); rows after it were not read";
            reject(row, null, unreadable);
        }

        void reject(long row, String phone, String reason) {
            rejected++;
            if (listedRejected < config.reportRejectedRows()) {
                listedRejected++;
                listed.add(new Row(row, Status.REJECTED, null, phone, reason, null));
            } else {
                omitted++;
            }
        }

        void accept(Candidate c, Action action, String note) {
            accepted++;
            switch (action) {
                case INSERT -> inserted++;
                case UPDATE -> updated++;
                case SKIP -> skipped++;
            }
            if (listedAccepted < config.reportAcceptedRows()) {
                listedAccepted++;
                listed.add(new Row(c.row(), Status.ACCEPTED, action, c.phone(), null, note));
            } else {
                omitted++;
            }
        }

        void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            List<String> chunkPhones = chunk.stream().map(Candidate::phone).toList();
            Map<String, Long> existing = new HashMap<>();
            for (Object[] o : NativeIn.rows(em, "select phone, id from resident where phone in ", chunkPhones)) {
                existing.put((String) o[0], ((Number) o[1]).longValue());
            }
            Map<String, String> suppressed = new HashMap<>();
            Map<String, LocalDateTime> suppressedAt = new HashMap<>();
            for (Object[] o : NativeIn.rows(
                    em, "select phone, reason, created_at from sms_suppression where phone in ", chunkPhones)) {
                suppressed.put((String) o[0], (String) o[1]);
                suppressedAt.put((String) o[0], utc(o[2]));
            }
            List<ResidentWriter.Pending> inserts = new ArrayList<>();
            List<ResidentWriter.Pending> updates = new ArrayList<>();
            for (Candidate c : chunk) {
                String optOut = suppressed.get(c.phone());
                String note = optOut == null ? null : "number is on the opt-out list and stays opted out";
                if (optOut != null) {
                    keptOptedOut++;
                }
                Long id = existing.get(c.phone());
                if (id == null) {
                    long newId = (Long) ids.generate(session, null, null, EventType.INSERT);
                    inserts.add(new ResidentWriter.Pending(
                            newId,
                            c.name(),
                            c.phone(),
                            c.language(),
                            c.areaIds(),
                            c.tags(),
                            Boolean.TRUE.equals(c.prefersCall()),
                            optOut != null,
                            optOut != null ? optOut : "import",
                            suppressedAt.get(c.phone())));
                    accept(c, Action.INSERT, note);
                } else if (duplicates == Duplicates.UPDATE) {
                    updates.add(new ResidentWriter.Pending(
                            id,
                            c.name(),
                            c.phone(),
                            c.language(),
                            c.areaIds(),
                            c.tags(),
                            c.prefersCall(),
                            optOut != null,
                            null,
                            null));
                    accept(
                            c,
                            Action.UPDATE,
                            join("phone already in the database: resident " + id + " is updated", note));
                } else {
                    accept(
                            c,
                            Action.SKIP,
                            join("phone already in the database: resident " + id + " is left as it is", note));
                }
            }
            if (commit) {
                em.unwrap(Session.class).doWork(connection -> {
                    ResidentWriter.insert(connection, inserts, now);
                    ResidentWriter.update(connection, updates, now);
                });
            }
            chunk.clear();
        }

        /** A timestamp column (read with hibernate.jdbc.timezone=UTC) as UTC wall-clock time. */
        private static LocalDateTime utc(Object value) {
            if (value instanceof java.sql.Timestamp t) {
                return LocalDateTime.ofInstant(t.toInstant(), java.time.ZoneOffset.UTC);
            }
            if (value instanceof Instant i) {
                return LocalDateTime.ofInstant(i, java.time.ZoneOffset.UTC);
            }
            if (value instanceof java.time.OffsetDateTime o) {
                return LocalDateTime.ofInstant(o.toInstant(), java.time.ZoneOffset.UTC);
            }
            return value instanceof LocalDateTime l ? l : null;
        }

        ImportReport finish() {
            flush();
            progress.accept(rowsRead);
            if (commit && unreadable != null) {
                // Commit means "all valid rows": with the rest of the file unreadable that is unknown.
                throw ProblemException.badRequest("file", unreadable + "; nothing was written");
            }
            if (commit) {
                audit.record(
                        actor,
                        "resident.import",
                        "residents",
                        "inserted=" + inserted + " updated=" + updated + " skipped=" + skipped + " rejected=" + rejected
                                + " charset=" + charset.name());
            }
            listed.sort(Comparator.comparingLong(Row::row));
            return new ImportReport(
                    commit,
                    charset.name(),
                    duplicates.name().toLowerCase(),
                    List.copyOf(header.positions().keySet()),
                    header.ignored(),
                    rowsRead,
                    accepted,
                    rejected,
                    inserted,
                    updated,
                    skipped,
                    keptOptedOut,
                    omitted,
                    List.copyOf(listed));
        }
    }

    /** A yes/no cell as spreadsheets write it; null when it is neither. */
    static Boolean yesNo(String cell) {
        return switch (cell.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Boolean.TRUE;
            case "false", "0", "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String join(String a, String b) {
        return b == null ? a : a + "; " + b;
    }
}
