package dev.tocsin.platform;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fails the boot when a setting that no longer exists is still set (in a file or as an
 * environment variable), naming what replaced it: a retired key is otherwise ignored without a
 * word, and the installation silently runs on a default it did not choose.
 */
@Startup
@ApplicationScoped
public class RetiredSettings {

    /** Retired key to what replaced it. */
    static final Map<String, String> RETIRED = Map.of(
            "tocsin.sms.quiet-hours.enabled", "tocsin.schedule.sms-quiet.start and .end (equal times: no quiet hours)",
            "tocsin.sms.quiet-hours.start", "tocsin.schedule.sms-quiet.start",
            "tocsin.sms.quiet-hours.end", "tocsin.schedule.sms-quiet.end");

    @PostConstruct
    void check() {
        List<String> problems = problems(ConfigProvider.getConfig());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Retired settings are set: " + String.join("; ", problems));
        }
    }

    static List<String> problems(Config config) {
        List<String> out = new ArrayList<>();
        RETIRED.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (config.getConfigValue(e.getKey()).getRawValue() != null) {
                out.add(e.getKey() + " (env " + e.getKey().toUpperCase().replaceAll("[^A-Z0-9]", "_")
                        + ") is retired; use " + e.getValue());
            }
        });
        return out;
    }
}
