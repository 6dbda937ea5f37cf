package dev.tocsin.audience;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The outcome of a resident import. Counts cover every row; {@code rows} lists every rejected
 * row (up to a limit) and the first accepted ones, in file order, so a report on a 100,000-row
 * file stays small. {@code rowsOmitted} says how many rows are counted but not listed.
 */
public record ImportReport(
        boolean committed,
        String charset,
        String duplicates,
        List<String> columns,
        List<String> ignoredColumns,
        long rowsRead,
        long accepted,
        long rejected,
        long inserted,
        long updated,
        long skipped,
        long keptOptedOut,
        long rowsOmitted,
        List<Row> rows) {

    public enum Status {
        ACCEPTED,
        REJECTED;

        @JsonValue
        public String id() {
            return name().toLowerCase();
        }
    }

    public enum Action {
        INSERT,
        UPDATE,
        SKIP;

        @JsonValue
        public String id() {
            return name().toLowerCase();
        }
    }

    /**
     * One data row. {@code row} counts records as a spreadsheet numbers them: the header is
     * row 1. {@code action} is what a commit does (or did) with an accepted row.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(long row, Status status, Action action, String phone, String reason, String note) {}
}
