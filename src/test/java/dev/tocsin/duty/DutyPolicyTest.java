package dev.tocsin.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.alert.WarningColour;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The policy as the packaged configuration reads it, and the settings that must stop the boot. */
class DutyPolicyTest {

    /** The shipped defaults of application.properties, plus {@code overrides}. */
    private static DutyPolicy policy(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(Map.of(
                "tocsin.duty.red.start", "true",
                "tocsin.duty.orange.start", "true",
                "tocsin.duty.check-every", "15s"));
        props.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(DutyConfig.class)
                // Quarkus reads durations such as 5m; plain SmallRye only ISO-8601.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 100))
                .build();
        return new DutyPolicy(config.getConfigMapping(DutyConfig.class));
    }

    @Test
    void redAndOrangeStartWithBackupAfterFiveAndSuperiorAfterTenMinutesYellowAndBlueDoNot() {
        DutyPolicy p = policy(Map.of());
        assertThat(p.starts(Optional.of(WarningColour.RED))).isTrue();
        assertThat(p.starts(Optional.of(WarningColour.ORANGE))).isTrue();
        assertThat(p.starts(Optional.of(WarningColour.YELLOW))).isFalse();
        assertThat(p.starts(Optional.of(WarningColour.BLUE))).isFalse();
        assertThat(p.starts(Optional.empty())).as("no colour, no 叫应").isFalse();
        assertThat(p.rule(WarningColour.RED).backupAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.rule(WarningColour.RED).superiorAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.rule(WarningColour.RED).roles())
                .containsExactlyInAnyOrder(DutyRole.TOWNSHIP_HEAD, DutyRole.VILLAGE_HEAD, DutyRole.DUTY_OFFICER);
    }

    @Test
    void yellowCanBeSwitchedOnWithItsOwnPostsAndWaits() {
        DutyPolicy p = policy(Map.of(
                "tocsin.duty.yellow.start", "true",
                "tocsin.duty.yellow.roles", "grid-worker,village-head",
                "tocsin.duty.yellow.backup-after", "15m",
                "tocsin.duty.yellow.superior-after", "30m"));
        assertThat(p.starts(Optional.of(WarningColour.YELLOW))).isTrue();
        assertThat(p.rule(WarningColour.YELLOW).roles())
                .containsExactlyInAnyOrder(DutyRole.GRID_WORKER, DutyRole.VILLAGE_HEAD);
        assertThat(p.rule(WarningColour.YELLOW).superiorAfter()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aVoiceCallChannelIsTakenAndAnUnknownChannelOrBadCallSettingStopsTheBoot() {
        assertThat(policy(Map.of("tocsin.duty.red.channels", "sms,call"))
                        .rule(WarningColour.RED)
                        .calls())
                .isTrue();
        assertThat(policy(Map.of()).rule(WarningColour.RED).calls()).isFalse();
        assertThatThrownBy(() -> policy(Map.of("tocsin.duty.red.channels", "sms,fax")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tocsin.duty.red.channels");
        assertThatThrownBy(() -> policy(Map.of("tocsin.duty.calls-per-second", "0")))
                .hasMessageContaining("tocsin.duty.calls-per-second");
        assertThatThrownBy(() -> policy(Map.of("tocsin.duty.call-attempts", "0")))
                .hasMessageContaining("tocsin.duty.call-attempts");
        assertThatThrownBy(() -> policy(Map.of("tocsin.duty.orange.roles", "mayor")))
                .hasMessageContaining("tocsin.duty.orange.roles");
        assertThatThrownBy(() -> policy(Map.of("tocsin.duty.red.superior-after", "2m")))
                .hasMessageContaining("superior-after");
        assertThatThrownBy(() -> policy(Map.of("tocsin.duty.link-secret", "short")))
                .hasMessageContaining("tocsin.duty.link-secret");
    }

    @Test
    void answersAreReadAsPeopleTypeThem() {
        assertThat(DutyReplies.keyword(" 1 ")).isEqualTo("1");
        assertThat(DutyReplies.keyword("１")).isEqualTo("1");
        assertThat(DutyReplies.keyword("收到。")).isEqualTo("收到");
        assertThat(DutyReplies.keyword("ok!")).isEqualTo("OK");
        assertThat(DutyReplies.ANSWERS).contains("1", "收到", "确认", "好", "OK");
        assertThat(DutyReplies.OPT_OUTS).contains("TD", "退订");
    }
}
