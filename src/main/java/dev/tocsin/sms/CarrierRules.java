package dev.tocsin.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Per destination country: the registered signature, a body length cap, and a cap on
 * identical messages per number per 24 hours (mainland China rejects the third).
 */
@ApplicationScoped
public class CarrierRules {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final java.util.Set<Integer> CALLING_CODES = PHONES.getSupportedCallingCodes();
    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final Map<String, SmsConfig.CarrierRule> rules;
    private final EntityManager em;

    CarrierRules(SmsConfig config, EntityManager em) {
        this.rules = config.carrier();
        this.em = em;
    }

    /** ISO region of an E.164 number (the main region of its country code), or "ZZ". */
    public static String region(String e164) {
        if (E164.matcher(e164).matches()) {
            // What parse() does for a well-formed E.164 number, without its cost (it ran three
            // times per recipient): country calling codes are prefix-free, 1 to 3 digits.
            for (int len = 1; len <= 3; len++) {
                int cc = Integer.parseInt(e164.substring(1, 1 + len));
                if (CALLING_CODES.contains(cc)) {
                    return PHONES.getRegionCodeForCountryCode(cc);
                }
            }
            return "ZZ";
        }
        try {
            return PHONES.getRegionCodeForCountryCode(PHONES.parse(e164, null).getCountryCode());
        } catch (NumberParseException e) {
            return "ZZ";
        }
    }

    private Optional<SmsConfig.CarrierRule> rule(String phone) {
        return Optional.ofNullable(rules.get(region(phone)));
    }

    /** The body as it will be sent to {@code phone}: with the signature its carrier requires. */
    public String sign(String body, String phone) {
        return rule(phone)
                .flatMap(SmsConfig.CarrierRule::signature)
                .filter(sig -> !body.contains(sig))
                .map(sig -> sig + body)
                .orElse(body);
    }

    /** Why this body may not go to this number at all, if it may not. */
    public Optional<String> lengthProblem(String signedBody, String phone) {
        OptionalInt max = rule(phone).map(SmsConfig.CarrierRule::maxLength).orElse(OptionalInt.empty());
        if (max.isPresent() && signedBody.codePointCount(0, signedBody.length()) > max.getAsInt()) {
            return Optional.of("held: body is " + signedBody.codePointCount(0, signedBody.length())
                    + " characters, carrier rule for " + region(phone) + " allows " + max.getAsInt());
        }
        return Optional.empty();
    }

    /**
     * Deliveries (by id) that would exceed their country's identical-message cap if sent now,
     * with the reason. Counted: texts sent in the last 24 h, texts in flight (claimed, outcome
     * not recorded yet) and rows earlier in this batch, so two occurrences queued close together
     * cannot both pass on the same count. One indexed query per row whose country has a cap.
     */
    public Map<Long, String> overFrequencyCap(List<SmsDelivery> batch, Instant now) {
        Map<Long, String> held = new HashMap<>();
        Map<String, Integer> passedInBatch = new HashMap<>();
        for (SmsDelivery d : batch) {
            OptionalInt cap =
                    rule(d.phone).map(SmsConfig.CarrierRule::maxIdenticalPerDay).orElse(OptionalInt.empty());
            if (cap.isEmpty()) {
                continue;
            }
            String key = d.phone + "\n" + d.body;
            long already = em.createQuery(
                                    "select count(d) from SmsDelivery d where d.phone = :phone and d.body = :body"
                                            + " and d.id <> :id and (d.sentAt >= :since or d.state = :inFlight)",
                                    Long.class)
                            .setParameter("phone", d.phone)
                            .setParameter("body", d.body)
                            .setParameter("since", now.minus(Duration.ofHours(24)))
                            .setParameter("id", d.id)
                            .setParameter("inFlight", DeliveryState.SENDING)
                            .getSingleResult()
                    + passedInBatch.getOrDefault(key, 0);
            if (already >= cap.getAsInt()) {
                held.put(
                        d.id,
                        "held: " + already
                                + " identical messages already sent to this number in 24 h; carrier rule for "
                                + region(d.phone) + " allows " + cap.getAsInt());
            } else {
                passedInBatch.merge(key, 1, Integer::sum);
            }
        }
        return held;
    }
}
