package dev.tocsin.sms;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import dev.tocsin.audience.AudienceService;
import dev.tocsin.audience.OptOutService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Replies to residents: STOP-style keywords opt out, START-style keywords opt back in. Features
 * that take replies of their own ({@link InboundReplies}: 叫应 answers) see each message first.
 */
@ApplicationScoped
public class InboundService {

    static final Set<String> STOP =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "TD", "退订", "取消订阅");
    static final Set<String> START = Set.of("START", "UNSTOP", "YES", "订阅", "恢复订阅");

    private final OptOutService optOut;
    private final AudienceService audience;
    private final Instance<InboundReplies> features;

    InboundService(OptOutService optOut, AudienceService audience, Instance<InboundReplies> features) {
        this.optOut = optOut;
        this.audience = audience;
        this.features = features;
    }

    /** Handles one inbound SMS and returns the TwiML Twilio expects as the answer. */
    public String handle(String from, String body) {
        String keyword = body == null
                ? ""
                : body.strip().replaceAll("[\\p{Punct}。！]+$", "").toUpperCase(Locale.ROOT);
        boolean chinese =
                keyword.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                        || keyword.equals("TD");
        MessagingResponse.Builder twiml = new MessagingResponse.Builder();
        List<String> notes = new ArrayList<>();
        for (InboundReplies feature : features) {
            InboundReplies.Handling h = feature.inspect(from, body);
            if (h.consumed()) {
                if (h.reply() != null) {
                    twiml.message(reply(h.reply()));
                }
                return twiml.build().toXml();
            }
            if (h.reply() != null) {
                notes.add(h.reply());
            }
        }
        if (STOP.contains(keyword)) {
            optOut.optOut(from, "sms-keyword", "sms:" + from);
            twiml.message(reply(stopConfirmation(chinese, audience.optOutOverrideAllowed())));
        } else if (START.contains(keyword)) {
            optOut.optIn(from, "sms-keyword", "sms:" + from);
            twiml.message(reply(
                    chinese
                            ? "您已恢复订阅通知短信。回复“退订”可取消。"
                            : "You are subscribed to notices again. Reply STOP to unsubscribe."));
        }
        notes.forEach(n -> twiml.message(reply(n)));
        return twiml.build().toXml();
    }

    /**
     * What an opt-out means on this installation: urgent real alerts still arrive only when the
     * deployment lets them override opt-out (tocsin.audience.urgent-overrides-opt-out).
     */
    static String stopConfirmation(boolean chinese, boolean urgentOverridesOptOut) {
        if (urgentOverridesOptOut) {
            return chinese
                    ? "您已退订日常通知短信，紧急预警仍会发送。回复“订阅”可恢复。"
                    : "You are unsubscribed from routine notices; urgent warnings are still sent. Reply START to resubscribe.";
        }
        return chinese
                ? "您已退订本号码的全部通知短信，紧急预警也不再发送。回复“订阅”可恢复。"
                : "You are unsubscribed from all notices, urgent warnings included. Reply START to resubscribe.";
    }

    private static Message reply(String text) {
        return new Message.Builder().body(new Body.Builder(text).build()).build();
    }
}
