package dev.tocsin.audience;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads phone numbers as people write them ("139 7000 0001", "+86-139...", "'+8613970000001"
 * from a spreadsheet) and returns E.164. SMS needs a mobile number, so fixed lines are refused.
 */
@ApplicationScoped
@Startup
public class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_INPUT = 40;

    /** E.164 on success, otherwise a reason a person can act on. */
    public record Result(String e164, String error) {
        public boolean ok() {
            return e164 != null;
        }
    }

    private final String region;

    PhoneNumbers(AudienceConfig config) {
        this.region = config.defaultRegion().toUpperCase();
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalStateException("tocsin.audience.default-region '" + config.defaultRegion()
                    + "' is not an ISO 3166 region known to libphonenumber");
        }
    }

    public String region() {
        return region;
    }

    public Result normalise(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.startsWith("'")) {
            // Our own CSV export writes phones as '+86... so that spreadsheets keep them as text.
            s = s.substring(1).strip();
        }
        if (s.isEmpty()) {
            return new Result(null, "phone is missing");
        }
        if (s.length() > MAX_INPUT) {
            return new Result(null, "phone is longer than " + MAX_INPUT + " characters");
        }
        PhoneNumber n;
        try {
            n = UTIL.parse(s, region);
        } catch (NumberParseException e) {
            return new Result(null, "'" + s + "' is not a phone number");
        }
        if (!UTIL.isValidNumber(n)) {
            return new Result(null, "'" + s + "' is not a valid phone number (default region " + region + ")");
        }
        PhoneNumberType type = UTIL.getNumberType(n);
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            return new Result(
                    null,
                    "'" + s + "' is a " + type.name().toLowerCase().replace('_', '-')
                            + " number, not a mobile number; SMS needs a mobile number");
        }
        return new Result(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164), null);
    }

    /** "+8613912340001" becomes "+86139****0001": enough to recognise, not enough to call. */
    public static String mask(String e164) {
        if (e164 == null) {
            return null;
        }
        int ccLength = 1;
        try {
            ccLength = String.valueOf(UTIL.parse(e164, null).getCountryCode()).length();
        } catch (NumberParseException e) {
            // Stored numbers are E.164; fall back to a one-digit country code if one is not.
        }
        String national = e164.substring(1 + ccLength);
        int keepHead = national.length() >= 10 ? 3 : 1;
        int keepTail = national.length() >= 8 ? 4 : 2;
        if (national.length() <= keepHead + keepTail) {
            return e164.substring(0, 1 + ccLength) + "*".repeat(national.length());
        }
        return e164.substring(0, 1 + ccLength) + national.substring(0, keepHead) + "****"
                + national.substring(national.length() - keepTail);
    }
}
