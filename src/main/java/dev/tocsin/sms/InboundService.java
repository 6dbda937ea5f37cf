package dev.tocsin.sms;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import dev.tocsin.audience.OptOutService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;

/** Replies to residents: STOP-style keywords opt out, START-style keywords opt back in. */
@ApplicationScoped
public class InboundService {

    static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "TD", "退订", "取消订阅");
    static final Set<String> START = Set.of("START", "UNSTOP", "YES", "订阅", "恢复订阅");

    private final OptOutService optOut;

    InboundService(OptOutService optOut) {
        this.optOut = optOut;
    }

    /** Handles one inbound SMS and returns the TwiML Twilio expects as the answer. */
    public String handle(String from, String body) {
        String keyword = body == null ? "" : body.strip().replaceAll("[\\p{Punct}。！]+$", "").toUpperCase(Locale.ROOT);
        boolean chinese = keyword.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                || keyword.equals("TD");
        MessagingResponse.Builder twiml = new MessagingResponse.Builder();
        if (STOP.contains(keyword)) {
            optOut.optOut(from, "sms-keyword", "sms:" + from);
            twiml.message(reply(chinese ? "您已退订日常通知短信。回复“订阅”可恢复。紧急预警仍会发送。"
                    : "You are unsubscribed from routine notices. Reply START to resubscribe. Urgent warnings are still sent."));
        } else if (START.contains(keyword)) {
            optOut.optIn(from, "sms-keyword", "sms:" + from);
            twiml.message(reply(chinese ? "您已恢复订阅通知短信。回复“退订”可取消。"
                    : "You are subscribed to notices again. Reply STOP to unsubscribe."));
        }
        return twiml.build().toXml();
    }

    private static Message reply(String text) {
        return new Message.Builder().body(new Body.Builder(text).build()).build();
    }
}
