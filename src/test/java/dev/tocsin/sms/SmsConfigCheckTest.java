package dev.tocsin.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The start-up check ({@code @Startup SmsConfigCheck}, whose exception fails the boot) run against
 * the real application.properties in the production profile, without booting Quarkus: with the
 * sandbox off and no Twilio credentials the service must refuse to start and say what to set.
 */
class SmsConfigCheckTest {

    private static SmsConfigCheck check(String profile, Map<String, String> env) throws IOException {
        URL props = SmsConfigCheckTest.class.getClassLoader().getResource("application.properties");
        assertThat(props).as("application.properties on the class path").isNotNull();
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, 100))
                .withSources(new PropertiesConfigSource(env, "overrides", 400))
                .withMapping(SmsConfig.class)
                .withMapping(TwilioConfig.class)
                .build();
        SmsConfig sms = config.getConfigMapping(SmsConfig.class);
        TwilioConfig twilio = config.getConfigMapping(TwilioConfig.class);
        return new SmsConfigCheck(sms, new TwilioAccount(sms, twilio, null));
    }

    @Test
    void productionProfileWithoutTwilioCredentialsRefusesToStartNamingWhatToSet() throws IOException {
        SmsConfigCheck check = check("mariadb", Map.of());
        assertThatThrownBy(check::check)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SMS configuration invalid")
                .hasMessageContaining("TWILIO_ACCOUNT_SID is required when the sandbox is off")
                .hasMessageContaining("TWILIO_AUTH_TOKEN is required")
                .hasMessageContaining("TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER");
    }

    @Test
    void productionProfileWithTwilioCredentialsStarts() throws IOException {
        SmsConfigCheck check = check(
                "mariadb",
                Map.of(
                        "twilio.account-sid",
                        "AC0123456789abcdef0123456789abcdef",
                        "twilio.auth-token",
                        "secret-token-value",
                        "twilio.messaging-service-sid",
                        "MG0123456789abcdef0123456789abcdef"));
        assertThat(check.problems()).isEmpty();
        check.check();
    }

    @Test
    void aSidThatIsNotAnAccountSidAndAMalformedSenderAreRefused() throws IOException {
        SmsConfigCheck check = check(
                "mariadb",
                Map.of(
                        "twilio.account-sid",
                        "SK123",
                        "twilio.auth-token",
                        "x",
                        "twilio.from-number",
                        "0086-139",
                        "tocsin.sms.twilio-api-url",
                        "localhost:8089"));
        assertThat(check.problems())
                .containsExactlyInAnyOrder(
                        "TWILIO_ACCOUNT_SID must start with AC",
                        "TWILIO_FROM_NUMBER must be E.164 (+...) or an alphanumeric sender ID",
                        "TOCSIN_TWILIO_API_URL must be an absolute http(s) URL");
    }

    @Test
    void theEmbeddedDefaultRunsOnTheSandboxWithoutCredentials() throws IOException {
        SmsConfigCheck check = check("prod", Map.of());
        assertThat(check.problems()).isEmpty();
    }
}
