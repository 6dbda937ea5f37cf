package dev.tocsin.broadcast;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.audience.AudienceService;
import dev.tocsin.compose.Renditions;
import dev.tocsin.schedule.ScheduleSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * What a stored broadcast will send, for the console's approval and detail pages: the
 * renditions (rendered now while pending, the frozen ones once approved), the schedule and the
 * audience as the operator wrote them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BroadcastPreview {

    private final BroadcastService service;
    private final SmsTexts smsTexts;
    private final AudienceService audience;
    private final ObjectMapper json;

    BroadcastPreview(BroadcastService service, SmsTexts smsTexts, AudienceService audience, ObjectMapper json) {
        this.service = service;
        this.smsTexts = smsTexts;
        this.audience = audience;
        this.json = json;
    }

    /**
     * The broadcast's content: SMS text and loudspeaker script as they go (or will go) out.
     * {@code smsTexts} is the SMS in every language residents read, the broadcast's own first.
     */
    public record Content(
            String smsText,
            int smsSegments,
            List<SmsTexts.Text> smsTexts,
            String scriptBefore,
            String script,
            String dialect,
            List<dev.tocsin.compose.dialect.Rewrite> rewrites,
            String audioProfile,
            String severity) {}

    public Content content(Broadcast b) {
        Renditions r = service.render(b);
        boolean frozen = b.smsText != null;
        String sms = frozen ? b.smsText : r.sms().text();
        String script = frozen && b.speakerScript != null
                ? b.speakerScript
                : r.loudspeaker().after();
        String dialect = r.loudspeaker().dialect();
        List<SmsTexts.Text> texts = frozen ? smsTexts.frozen(b) : service.smsTexts(b, r);
        // Dialect profiles and voice profiles share their ids, as the firer relies on.
        return new Content(
                sms,
                dev.tocsin.compose.sms.SmsCounter.count(sms).segments(),
                texts,
                r.loudspeaker().before(),
                script,
                dialect,
                r.loudspeaker().rewrites(),
                dialect,
                b.urgency.id());
    }

    public ScheduleSpec schedule(Broadcast b) {
        return service.schedule(b);
    }

    public List<String> areaCodes(Broadcast b) {
        return service.audience(b).areaCodes();
    }

    /**
     * Who the SMS would reach if it fired now, counted as firing reads the audience (distinct
     * residents, tags, languages and test-only applied; opted-out numbers left out unless an
     * urgent real alert may reach them), and the terminals in the areas.
     */
    public AudienceService.Counts audienceCounts(Broadcast b) {
        return audience.count(BroadcastService.smsAudience(service.audience(b), b, audience.optOutOverrideAllowed()));
    }

    /** The request that created the broadcast, for an update form that starts from it. */
    public BroadcastRequest request(Broadcast b) {
        return service.request(b);
    }
}
