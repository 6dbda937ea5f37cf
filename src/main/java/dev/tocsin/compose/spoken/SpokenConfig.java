package dev.tocsin.compose.spoken;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Place-name pronunciations (tocsin.spoken.*). */
@ConfigMapping(prefix = "tocsin.spoken")
public interface SpokenConfig {

    /** Packaged place names; read from the classpath copy when this file does not exist. */
    @WithDefault("audio-templates/pronunciations/place-names.tsv")
    String placeNamesFile();
}
