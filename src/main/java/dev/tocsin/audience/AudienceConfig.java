package dev.tocsin.audience;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of the audience feature: phone numbers, languages, opt-out policy, CSV import. */
@ConfigMapping(prefix = "tocsin.audience")
public interface AudienceConfig {

    /** Region (ISO 3166 alpha-2) used to read phone numbers written without a country code. */
    @WithDefault("CN")
    String defaultRegion();

    // tocsin.audience.supported-languages and default-language are read by alert.Languages.

    /** Whether urgent (life-safety) alerts also reach numbers on the opt-out list. */
    @WithDefault("false")
    boolean urgentOverridesOptOut();

    @WithName("import")
    Import importing();

    interface Import {

        /** Longest accepted CSV line in characters; the rest of a longer line is skipped unread. */
        @WithDefault("4096")
        int maxLineLength();

        /** Rows looked up and written per database round (JDBC batch size). */
        @WithDefault("1000")
        int chunkSize();

        /** How many accepted rows the report lists; the counts always cover every row. */
        @WithDefault("100")
        int reportAcceptedRows();

        /** How many rejected rows the report lists. */
        @WithDefault("10000")
        int reportRejectedRows();
    }
}
