package dev.tocsin.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.compose.ComposeService;
import dev.tocsin.compose.Renditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A broadcast's SMS in every language its template has an SMS rendition for, so each resident
 * reads it in their own language. Rendered (and so validated) at creation, frozen at approval,
 * sent per resident language by the firer; residents of any other language get the broadcast's
 * own language. Free text has one language.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SmsTexts {

    /** One language's SMS as residents of that language read it. */
    public record Text(String language, String text, int segments) {
    }

    private final ComposeService compose;

    SmsTexts(ComposeService compose) {
        this.compose = compose;
    }

    /**
     * Renders every language now, the broadcast's own first (it is {@code primary}'s SMS).
     *
     * @param variables the template's values; null for the broadcast's own language only
     * @throws dev.tocsin.platform.problem.ProblemException 400 when a language's SMS is refused,
     *         naming the field (e.g. {@code variables.area}) and the language
     */
    List<Text> render(Broadcast b, Renditions primary, Map<String, JsonNode> variables) {
        Map<String, Text> out = new LinkedHashMap<>();
        out.put(b.language, new Text(b.language, primary.sms().text(), primary.sms().segments()));
        if (variables != null) {
            compose.renderSmsByLanguage(b.templateId, primary.version(), variables)
                    .forEach((lang, sms) -> out.putIfAbsent(lang, new Text(lang, sms.text(), sms.segments())));
        }
        return List.copyOf(out.values());
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
            row.persist();
        }
    }

    /**
     * The frozen texts, the broadcast's own language first; empty before approval. A broadcast
     * approved before texts were kept per language lists its one text.
     */
    public List<Text> frozen(Broadcast b) {
        List<Text> rows = BroadcastSmsText.of(b.id).stream()
                .map(r -> new Text(r.language, r.text, r.segments))
                .sorted((x, y) -> Boolean.compare(!x.language().equals(b.language), !y.language().equals(b.language)))
                .toList();
        if (rows.isEmpty() && b.smsText != null) {
            return List.of(new Text(b.language, b.smsText, dev.tocsin.compose.sms.SmsCounter.count(b.smsText).segments()));
        }
        return rows;
    }

    /** Language tag to frozen text, as the SMS dispatch takes it. */
    Map<String, String> bodies(Broadcast b) {
        Map<String, String> out = new LinkedHashMap<>();
        frozen(b).forEach(t -> out.put(t.language(), t.text()));
        return out;
    }
}
