package dev.tocsin.duty;

import dev.tocsin.audience.CsvInput;
import dev.tocsin.audience.ImportReport;
import dev.tocsin.audience.ImportReport.Action;
import dev.tocsin.audience.ImportReport.Row;
import dev.tocsin.audience.ImportReport.Status;
import dev.tocsin.audience.PhoneNumbers;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.duty.DutyPersonViews.PersonInput;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The roster from a spreadsheet's CSV, with a report per row (the residents' {@link ImportReport}
 * and {@link CsvInput}: UTF-8 or GBK, over-long lines cut). Each row is checked as the API checks
 * one person; a superior is named by the mobile of a person already on the roster or on an
 * earlier row. A row whose post (mobile, area, role) exists updates it. The run is one
 * transaction: a dry run (the default) does everything and rolls back, so its report is exactly
 * what a commit would do; a commit keeps the accepted rows.
 */
@ApplicationScoped
public class DutyImporter {

    static final int MAX_ROWS = 20_000;
    static final int MAX_LINE = 4096;

    /** Recognised header names, lowercase; the first is the canonical column name. */
    static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("name", List.of("name", "姓名"));
        COLUMNS.put("mobile", List.of("mobile", "phone", "手机号", "手机号码", "手机", "电话"));
        COLUMNS.put("area", List.of("area", "区域", "区域代码", "村(社区)"));
        COLUMNS.put("role", List.of("role", "岗位", "职务"));
        COLUMNS.put("rank", List.of("rank", "ab角", "a/b角"));
        COLUMNS.put("superior", List.of("superior", "上级", "上级手机号"));
        COLUMNS.put("language", List.of("language", "语言"));
        COLUMNS.put("rota", List.of("rota", "值班日期", "值班"));
    }

    private final DutyRoster roster;
    private final PhoneNumbers phones;
    private final AuditLog audit;
    private final TransactionSynchronizationRegistry transactions;

    DutyImporter(
            DutyRoster roster, PhoneNumbers phones, AuditLog audit, TransactionSynchronizationRegistry transactions) {
        this.roster = roster;
        this.phones = phones;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Transactional
    public ImportReport importCsv(String actor, InputStream body, Charset charset, boolean commit) {
        try {
            CsvInput.Opened opened = CsvInput.open(body, charset, MAX_LINE);
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
                List<String> columns = new ArrayList<>();
                List<String> ignored = new ArrayList<>();
                Map<String, Integer> index = header(records.next(), columns, ignored);
                List<Row> rows = new ArrayList<>();
                long read = 0;
                long inserted = 0;
                long updated = 0;
                long rejected = 0;
                while (records.hasNext()) {
                    CSVRecord rec = records.next();
                    if (++read > MAX_ROWS) {
                        throw ProblemException.badRequest("file", "more than " + MAX_ROWS + " rows; split the file");
                    }
                    long rowNo = parser.getRecordNumber();
                    Row row = row(rowNo, rec, index);
                    rows.add(row);
                    if (row.status() == Status.REJECTED) {
                        rejected++;
                    } else if (row.action() == Action.INSERT) {
                        inserted++;
                    } else {
                        updated++;
                    }
                }
                if (commit) {
                    audit.record(
                            actor,
                            "duty.person.import",
                            "duty-person:import",
                            inserted + " added, " + updated + " updated, " + rejected + " rejected");
                } else {
                    transactions.setRollbackOnly();
                }
                return new ImportReport(
                        commit,
                        opened.charset().name(),
                        "update",
                        columns,
                        ignored,
                        read,
                        read - rejected,
                        rejected,
                        inserted,
                        updated,
                        0,
                        0,
                        0,
                        rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw ProblemException.badRequest("file", "the CSV cannot be read: " + e.getMessage());
        }
    }

    private static Map<String, Integer> header(CSVRecord rec, List<String> columns, List<String> ignored) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < rec.size(); i++) {
            String h = rec.get(i).strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
            Optional<String> canonical = COLUMNS.entrySet().stream()
                    .filter(e -> e.getValue().contains(h))
                    .map(Map.Entry::getKey)
                    .findFirst();
            if (canonical.isPresent() && !index.containsKey(canonical.get())) {
                index.put(canonical.get(), i);
                columns.add(canonical.get());
            } else {
                ignored.add(rec.get(i));
            }
        }
        List<String> missing = List.of("name", "mobile", "area", "role", "rank").stream()
                .filter(c -> !index.containsKey(c))
                .toList();
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest(
                    "file",
                    "the header row lacks " + String.join(", ", missing) + "; columns are "
                            + String.join(", ", COLUMNS.keySet()));
        }
        return index;
    }

    private Row row(long rowNo, CSVRecord rec, Map<String, Integer> index) {
        String mobileCell = cell(rec, index, "mobile");
        for (String v : rec) {
            if (v.indexOf('\uFFFD') >= 0) {
                return rejected(rowNo, mobileCell, "the row has bytes that are not text in the file's encoding");
            }
            if (v.indexOf('\u0000') >= 0) {
                return rejected(rowNo, mobileCell, "the line is longer than " + MAX_LINE + " characters");
            }
        }
        Long superiorId;
        try {
            superiorId = roster.superiorByMobile(cell(rec, index, "superior"));
        } catch (ProblemException e) {
            return rejected(rowNo, mobileCell, reason(e.problem()));
        }
        PersonInput in = new PersonInput(
                cell(rec, index, "name"),
                mobileCell,
                cell(rec, index, "area"),
                cell(rec, index, "role"),
                cell(rec, index, "rank"),
                superiorId,
                cell(rec, index, "language"),
                cell(rec, index, "rota"));
        DutyRoster.Checked c;
        Optional<DutyPerson> existing = Optional.empty();
        try {
            PhoneNumbers.Result m = phones.normalise(mobileCell);
            if (m.ok() && in.area() != null && in.role() != null) {
                existing = dev.tocsin.audience.Area.findByCode(in.area().strip())
                        .flatMap(a -> roleOrNull(in.role()).flatMap(r -> DutyPerson.findPost(m.e164(), a.id, r)));
            }
            c = roster.check(in, existing.map(p -> p.id).orElse(null));
        } catch (ProblemException e) {
            return rejected(rowNo, mobileCell, reason(e.problem()));
        }
        DutyPerson p = existing.orElseGet(() -> {
            DutyPerson n = new DutyPerson();
            n.createdAt = roster.now();
            return n;
        });
        roster.apply(p, c);
        if (existing.isEmpty()) {
            p.persist();
        }
        DutyPerson.getEntityManager().flush();
        return new Row(
                rowNo,
                Status.ACCEPTED,
                existing.isEmpty() ? Action.INSERT : Action.UPDATE,
                c.mobile(),
                null,
                existing.isEmpty() ? "id " + p.id : "updates id " + p.id);
    }

    private static Optional<DutyRole> roleOrNull(String raw) {
        try {
            return Optional.of(DutyRole.of(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String reason(Problem p) {
        if (p.errors() != null && !p.errors().isEmpty()) {
            return p.errors().stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        }
        return (p.field() == null ? "" : p.field() + ": ") + p.detail();
    }

    private static Row rejected(long rowNo, String mobile, String reason) {
        return new Row(rowNo, Status.REJECTED, null, mobile, reason, null);
    }

    private static String cell(CSVRecord rec, Map<String, Integer> index, String column) {
        Integer i = index.get(column);
        if (i == null || i >= rec.size()) {
            return null;
        }
        String v = rec.get(i).strip();
        return v.isEmpty() ? null : v;
    }
}
