package dev.tocsin.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tocsin.demo")
interface DemoConfig {

    /** Load the demo district (areas, fictional residents, terminals) into an empty database. */
    @WithDefault("false")
    boolean enabled();

    /** Classpath resource holding the demo data set. */
    @WithDefault("demo/ziyang.json")
    String resource();
}
