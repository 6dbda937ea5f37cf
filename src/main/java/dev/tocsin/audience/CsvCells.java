package dev.tocsin.audience;

/**
 * Keeps spreadsheet programs from running exported text as a formula (CSV injection, OWASP):
 * a cell starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe.
 * E.164 numbers start with '+', so phones leave as '+8613970000001: a spreadsheet shows them
 * as text instead of turning them into 8.6E+12, and the importer strips the apostrophe again.
 */
public final class CsvCells {

    private CsvCells() {}

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }
}
