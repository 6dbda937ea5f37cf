package dev.tocsin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** A retired setting, in a file or the environment, stops the boot naming its replacement. */
class RetiredSettingsTest {

    private static Config config(Map<String, String> properties, Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "file", 100))
                .withSources(new EnvConfigSource(env, 300))
                .build();
    }

    @Test
    void theOldSmsQuietHoursAreRefusedWhereverTheyAreSet() {
        assertThat(RetiredSettings.problems(config(Map.of("tocsin.sms.quiet-hours.start", "22:00"), Map.of())))
                .containsExactly("tocsin.sms.quiet-hours.start (env TOCSIN_SMS_QUIET_HOURS_START) is retired; "
                        + "use tocsin.schedule.sms-quiet.start");
        assertThat(RetiredSettings.problems(config(Map.of(), Map.of("TOCSIN_SMS_QUIET_HOURS_ENABLED", "false"))))
                .singleElement()
                .asString()
                .contains("tocsin.sms.quiet-hours.enabled", "tocsin.schedule.sms-quiet");
    }

    @Test
    void theSettingsThatReplacedThemAreFine() {
        assertThat(RetiredSettings.problems(config(
                        Map.of("tocsin.schedule.sms-quiet.start", "21:00", "tocsin.schedule.sms-quiet.end", "07:30"),
                        Map.of("TOCSIN_SMS_THROTTLE_ENABLED", "false"))))
                .isEmpty();
    }

    @Test
    void theShippedConfigurationSetsNoRetiredKey() throws Exception {
        java.util.Properties shipped = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(
                java.nio.file.Path.of("src/main/resources/application.properties"))) {
            shipped.load(in);
        }
        Map<String, String> map = new java.util.HashMap<>();
        shipped.forEach((k, v) -> map.put(k.toString().replaceFirst("^%[a-z-]+\\.", ""), v.toString()));
        assertThat(RetiredSettings.problems(config(map, Map.of()))).isEmpty();
    }
}
