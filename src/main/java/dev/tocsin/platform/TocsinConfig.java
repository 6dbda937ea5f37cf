package dev.tocsin.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

/** Settings shared by every feature. */
@ConfigMapping(prefix = "tocsin")
public interface TocsinConfig {

    /** Where the embedded build keeps its data: the H2 file and rendered audio. */
    @WithDefault("tocsin-data")
    Path dataDir();

    /** The district's time zone: schedules, quiet hours and reports are in this zone. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /** Public base URL of this service, as callers (Twilio, terminals) reach it. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** First admin's password on first start (TOCSIN_ADMIN_PASSWORD), read by AdminBootstrap. */
    Optional<String> adminPassword();
}
