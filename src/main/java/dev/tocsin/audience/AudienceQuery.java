package dev.tocsin.audience;

import java.util.List;
import java.util.Set;

/**
 * Who a notice is for. Areas include everything below them; tags match any-of; languages
 * restrict residents (empty: all). Terminals are selected by area only.
 *
 * @param areaCodes       at least one area code
 * @param tags            residents with at least one of these tags; empty for no restriction
 * @param languages       residents with one of these languages; empty for no restriction
 * @param testOnly        tests (CAP status test): only test recipients and test terminals
 * @param includeOptedOut urgent override: also numbers on the opt-out list. Set it only for an
 *                        urgent alert when {@link AudienceService#optOutOverrideAllowed()} is true
 */
public record AudienceQuery(
        List<String> areaCodes, Set<String> tags, Set<String> languages, boolean testOnly, boolean includeOptedOut) {

    public AudienceQuery {
        areaCodes = areaCodes == null ? List.of() : List.copyOf(areaCodes);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        languages = languages == null ? Set.of() : Set.copyOf(languages);
    }

    public static AudienceQuery areas(String... codes) {
        return new AudienceQuery(List.of(codes), Set.of(), Set.of(), false, false);
    }
}
