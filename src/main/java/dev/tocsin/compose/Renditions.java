package dev.tocsin.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.compose.dialect.Refusal;
import dev.tocsin.compose.dialect.Rewrite;
import dev.tocsin.compose.sms.SmsEncoding;
import dev.tocsin.compose.template.CapCategory;
import dev.tocsin.compose.template.CapCertainty;
import dev.tocsin.compose.template.CapSeverity;
import dev.tocsin.compose.template.CapUrgency;
import java.util.List;

/**
 * Everything a notice becomes for one language: the SMS as it will be sent (signature
 * included) with its billing, and the loudspeaker script before and after dialect rewriting.
 * {@code templateId}, {@code templateVersion} and {@code cap} are null for free text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Renditions(
        String templateId, Integer templateVersion, String language, Cap cap, Sms sms, Loudspeaker loudspeaker) {

    /** CAP defaults of the template, for the alert that publishes the notice. */
    public record Cap(CapCategory category, CapSeverity severity, CapUrgency urgency, CapCertainty certainty) {}

    /**
     * @param segmentLimit the template's limit (null when none); {@code segments} never exceeds it
     *        in {@link ComposeService#render}, which refuses instead (other languages'
     *        SMS from {@link ComposeService#renderSmsByLanguage} may exceed it)
     */
    public record Sms(
            String text,
            SmsEncoding encoding,
            int segments,
            int units,
            Integer segmentLimit,
            List<String> nonGsmCharacters) {}

    /**
     * @param after the written script after the dialect's rewrites
     * @param refusals dialect rules that matched but were refused (meaning, numbers, place names...)
     * @param spoken what the speech engines are given: {@code after} with numbers, dates, units
     *        and symbols written out as they are said (null where not computed)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Loudspeaker(
            String dialect,
            String before,
            String after,
            List<Rewrite> rewrites,
            List<Refusal> refusals,
            String spoken) {

        public Loudspeaker(String dialect, String before, String after, List<Rewrite> rewrites) {
            this(dialect, before, after, rewrites, List.of(), null);
        }
    }
}
