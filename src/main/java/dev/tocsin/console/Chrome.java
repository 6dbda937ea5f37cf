package dev.tocsin.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the layout needs on every page: who is signed in and with which roles (for the
 * navigation), the language, the page's own address (for the language switch), the CSRF token
 * for forms, which navigation entry is current, and whether the SMS sandbox is on (its outbox page).
 */
public record Chrome(
        String user,
        boolean operator,
        boolean approver,
        boolean admin,
        ConsoleLanguage language,
        String path,
        String csrf,
        String active,
        boolean sandbox) {

    public static final String CSRF_FIELD = "_csrf";

    public boolean signedIn() {
        return user != null;
    }

    public boolean canSeeAudit() {
        return approver || admin;
    }

    public boolean canCompose() {
        return operator || admin;
    }

    public boolean canApprove() {
        return approver || admin;
    }

    public List<ConsoleLanguage> languages() {
        return List.of(ConsoleLanguage.values());
    }

    public boolean isActive(String entry) {
        return entry.equals(active);
    }

    public String ariaCurrent(String entry) {
        return isActive(entry) ? "page" : "false";
    }

    public String pathParam() {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    public String csrfField() {
        return CSRF_FIELD;
    }
}
