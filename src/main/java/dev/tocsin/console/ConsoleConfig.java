package dev.tocsin.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Staff console settings. */
@ConfigMapping(prefix = "tocsin.console")
public interface ConsoleConfig {

    /** Language shown when neither the language cookie nor Accept-Language picks one: zh-CN or en. */
    @WithDefault("zh-CN")
    String defaultLanguage();

    /** Failed sign-ins allowed per user name and client address within {@link #loginWindow()}. */
    @WithDefault("5")
    int loginMaxFailures();

    /** How long failed sign-ins count against a user name and client address. */
    @WithDefault("PT15M")
    Duration loginWindow();

    /** A console session ends after this long without a request. */
    @WithDefault("PT30M")
    Duration sessionIdleTimeout();

    /** A console session ends this long after sign-in, however busy. */
    @WithDefault("PT12H")
    Duration sessionLifetime();

    /**
     * Key that encrypts the session cookie (at least 16 characters). Read by
     * {@link SessionKeyConfigSourceFactory}; when unset a key is generated under the data directory.
     */
    Optional<String> sessionKey();
}
