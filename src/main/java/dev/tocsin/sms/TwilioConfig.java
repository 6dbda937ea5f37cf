package dev.tocsin.sms;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Twilio account, with the names Twilio users know: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN,
 * TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER. All optional while the sandbox is on.
 */
@ConfigMapping(prefix = "twilio")
public interface TwilioConfig {

    Optional<String> accountSid();

    Optional<String> authToken();

    Optional<String> messagingServiceSid();

    Optional<String> fromNumber();
}
