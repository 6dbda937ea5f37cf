package dev.tocsin.broadcast;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.alert.Channel;
import dev.tocsin.audience.Area;
import dev.tocsin.compose.ComposeService;
import dev.tocsin.compose.Renditions;
import dev.tocsin.compose.sms.SmsCounter;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A broadcast's SMS in every language its template has an SMS rendition for, so each resident
 * reads it in their own language. Rendered (and so validated) at creation, frozen at approval,
 * sent per resident language by the firer; residents of any other language get the broadcast's
 * own language. Free text has its language, and English when staff wrote {@code textEn}.
 *
 * <p>The template's segment limit binds the broadcast's own language (compose refuses it). Another
 * language over the limit is still sent, marked {@link Text#overLimit()} so the approver sees the
 * cost: a resident should read the notice in their language rather than in one they may not read.
 * A text longer than the SMS feature accepts is refused at creation, or no one would get the SMS.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SmsTexts {

    /** The longest body the SMS dispatch accepts (SmsDispatchService refuses longer ones). */
    static final int MAX_CHARS = 1600;

    /**
     * One language's SMS as residents of that language read it.
     *
     * @param segmentLimit the template's limit, null when none (or free text)
     */
    public record Text(String language, String text, int segments, Integer segmentLimit) {

        /**
         * Over the template's limit: another language than the broadcast's own (the own one is
         * refused), or an exercise whose 演练： / EXERCISE: mark took it over.
         */
        @JsonProperty("overLimit")
        public boolean overLimit() {
            return segmentLimit != null && segments > segmentLimit;
        }
    }

    private final ComposeService compose;
    private final ObjectMapper json;

    SmsTexts(ComposeService compose, ObjectMapper json) {
        this.compose = compose;
        this.json = json;
    }

    /**
     * Renders every language now, the broadcast's own first (it is {@code primary}'s SMS).
     *
     * @param variables the template's values; null for the broadcast's own language only
     * @throws ProblemException 400 when a language's SMS is refused, naming the field (e.g.
     *         {@code variables.area}, {@code templateId} for a text too long to send) and the language
     */
    List<Text> render(Broadcast b, Renditions primary, Map<String, JsonNode> variables) {
        Map<String, Text> out = new LinkedHashMap<>();
        out.put(b.language, text(b.language, primary.sms()));
        if (b.templateId == null && b.freeTextEn != null && b.sends(Channel.SMS)) {
            Renditions.Sms en = compose.renderText(b.freeTextEn, "en", null).sms();
            out.putIfAbsent("en", text("en", b.capStatus == CapStatus.EXERCISE ? compose.exerciseSms(en, "en") : en));
        }
        if (variables != null) {
            compose.renderSmsByLanguage(b.templateId, primary.templateVersion(), variables, b.language, areaNames(b))
                    .forEach((lang, sms) -> out.putIfAbsent(
                            lang,
                            text(lang, b.capStatus == CapStatus.EXERCISE ? compose.exerciseSms(sms, lang) : sms)));
        }
        for (Text t : out.values()) {
            if (b.sends(Channel.SMS) && t.text().length() > MAX_CHARS) {
                throw ProblemException.badRequest(
                        b.templateId != null ? "templateId" : "text",
                        t.language() + " SMS: " + t.text().length() + " characters; an SMS can be at most "
                                + MAX_CHARS);
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * The targeted areas as the area directory names them (joined by 、; at most three, within the
     * templates' 30-character area field, and 等 when some are left out), so that another
     * language's SMS names them in its own words; null when unreadable.
     */
    /** Room for the joined names and 等 inside the templates' area field (at most 30 characters). */
    private static final int MAX_AREA_NAMES_CHARS = 30;

    private String areaNames(Broadcast b) {
        BroadcastRequest.Audience a;
        try {
            a = json.readValue(b.audienceJson, BroadcastRequest.Audience.class);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (a == null || a.areaCodes() == null || a.areaCodes().isEmpty()) {
            return null;
        }
        List<String> names = a.areaCodes().stream()
                .map(Area::findByCode)
                .flatMap(Optional::stream)
                .map(area -> area.name)
                .distinct()
                .toList();
        if (names.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder(names.get(0));
        int used = 1;
        while (used < Math.min(names.size(), 3)
                && joined.length() + 1 + names.get(used).length() + 1 <= MAX_AREA_NAMES_CHARS) {
            joined.append('、').append(names.get(used++));
        }
        return used < names.size() ? joined + "等" : joined.toString();
    }

    private static Text text(String language, Renditions.Sms sms) {
        return new Text(language, sms.text(), sms.segments(), sms.segmentLimit());
    }

    /** Stores the texts as the broadcast's frozen SMS; called once, at approval. */
    @Transactional(Transactional.TxType.MANDATORY)
    void freeze(Broadcast b, List<Text> texts) {
        for (Text t : texts) {
            BroadcastSmsText row = new BroadcastSmsText();
            row.broadcastId = b.id;
            row.language = t.language();
            row.text = t.text();
            row.segments = t.segments();
            row.segmentLimit = t.segmentLimit();
            row.persist();
        }
    }

    /**
     * The frozen texts, the broadcast's own language first; empty before approval. A broadcast
     * approved before texts were kept per language lists its one text.
     */
    public List<Text> frozen(Broadcast b) {
        List<Text> rows = BroadcastSmsText.of(b.id).stream()
                .map(r -> new Text(r.language, r.text, r.segments, r.segmentLimit))
                .sorted(Comparator.comparing((Text t) -> !t.language().equals(b.language)))
                .toList();
        if (rows.isEmpty() && b.smsText != null) {
            return List.of(
                    new Text(b.language, b.smsText, SmsCounter.count(b.smsText).segments(), null));
        }
        return rows;
    }

    /** Language tag to frozen text, as the SMS dispatch takes it. */
    public Map<String, String> bodies(Broadcast b) {
        Map<String, String> out = new LinkedHashMap<>();
        frozen(b).forEach(t -> out.put(t.language(), t.text()));
        return out;
    }
}
