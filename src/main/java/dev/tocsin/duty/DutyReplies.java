package dev.tocsin.duty;

import dev.tocsin.sms.InboundReplies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.text.Normalizer;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * 叫应 answers by SMS, read before the residents' keywords. A message from a roster mobile whose
 * body is an answer ({@link #ANSWERS}) answers the most recent open 叫应 that messaged that
 * mobile, and is confirmed in TwiML. YES counts as an answer only then: for everyone else (and
 * for a roster person with nothing open) it stays the residents' START keyword. TD/退订 and the
 * other STOP words from a roster mobile are recorded (shown in the 叫应 record) and then handled
 * as for residents: they stop routine resident notices, never 叫应 messages, which are urgent.
 * Answer-shaped messages from numbers not on the roster, and any message from the roster with no
 * open 叫应, are recorded and otherwise ignored.
 */
@ApplicationScoped
public class DutyReplies implements InboundReplies {

    static final Set<String> ANSWERS = Set.of("1", "收到", "已收到", "收到了", "确认", "好", "好的", "OK", "YES");
    static final Set<String> OPT_OUTS =
            Set.of("TD", "退订", "取消订阅", "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");

    private final DutyCalls calls;
    private final Clock clock;

    DutyReplies(DutyCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    /** The body as a keyword: width-folded (１ is 1), trimmed of punctuation and spaces, upper case. */
    static String keyword(String body) {
        if (body == null) {
            return "";
        }
        String k = Normalizer.normalize(body, Normalizer.Form.NFKC).strip();
        k = k.replaceAll("^[\\p{Punct}\\p{IsPunctuation}\\s]+|[\\p{Punct}\\p{IsPunctuation}\\s]+$", "");
        return k.toUpperCase(Locale.ROOT);
    }

    @Override
    @Transactional
    public Handling inspect(String from, String body) {
        String keyword = keyword(body);
        List<DutyPerson> persons = DutyPerson.byMobile(from);
        boolean answer = ANSWERS.contains(keyword);
        if (persons.isEmpty()) {
            if (answer && !keyword.equals("YES")) {
                record(from, body, null, null, DutyInbound.Outcome.UNKNOWN_NUMBER);
            }
            return Handling.pass();
        }
        long personId = persons.get(0).id;
        boolean english = persons.stream().allMatch(p -> "en".equals(p.language));
        if (OPT_OUTS.contains(keyword)) {
            record(from, body, personId, null, DutyInbound.Outcome.OPT_OUT);
            return new Handling(
                    false,
                    english
                            ? "You are on the duty roster: warnings that need your confirmation are still sent."
                            : "您在叫应责任人名单上，需要确认的预警短信仍会发送。");
        }
        if (!answer) {
            record(from, body, personId, null, DutyInbound.Outcome.NOT_AN_ANSWER);
            return Handling.pass();
        }
        Optional<Map.Entry<DutyEntry, Long>> open = calls.latestOpenFor(persons);
        if (open.isEmpty()) {
            record(from, body, personId, null, DutyInbound.Outcome.NO_OPEN_CALL);
            return Handling.pass();
        }
        DutyEntry entry = open.get().getKey();
        long who = open.get().getValue();
        DutyCalls.Answered result = calls.answer(entry.id, who, AnswerChannel.SMS);
        record(
                from,
                body,
                who,
                entry.id,
                result == DutyCalls.Answered.RECORDED
                        ? DutyInbound.Outcome.ANSWERED
                        : DutyInbound.Outcome.ALREADY_ANSWERED);
        DutyPerson answering = DutyPerson.findById(who);
        return new Handling(
                true,
                "en".equals(answering.language)
                        ? "Confirmed: your receipt of the warning is recorded. Thank you."
                        : "已确认收到，您的回复已记录，谢谢！");
    }

    private void record(String mobile, String body, Long personId, Long entryId, DutyInbound.Outcome outcome) {
        DutyInbound in = new DutyInbound();
        in.receivedAt = clock.instant();
        in.mobile = mobile;
        in.body = body == null ? null : body.length() > 320 ? body.substring(0, 320) : body;
        in.personId = personId;
        in.entryId = entryId;
        in.outcome = outcome;
        in.persist();
    }
}
