package dev.tocsin.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's settings, read from the environment (deploy/tocsin-agent.env). The token is a
 * secret: it is never logged and {@link #toString()} leaves it out.
 *
 * @param audioDevice {@code default} (the default sound card), a Java Sound mixer name (or part of
 *     it), or {@code file:/dir} to write one WAV per play into a directory instead of a sound card
 * @param volume 0-100, applied in software before the sink (100 = the programme as rendered)
 */
public record AgentConfig(
        URI serviceUrl,
        String token,
        String audioDevice,
        int volume,
        Path stateDir,
        Optional<String> powerOn,
        Optional<String> powerOff,
        Duration powerWarmUp,
        Duration pollWait,
        Duration heartbeatEvery) {

    public static AgentConfig fromEnv(Map<String, String> env) {
        String url = require(env, "TOCSIN_AGENT_URL");
        String token = require(env, "TOCSIN_AGENT_TOKEN");
        int volume =
                Integer.parseInt(env.getOrDefault("TOCSIN_AGENT_VOLUME", "100").trim());
        if (volume < 0 || volume > 100) {
            throw new IllegalArgumentException("TOCSIN_AGENT_VOLUME must be 0-100, not " + volume);
        }
        long wait = seconds(env, "TOCSIN_AGENT_POLL_WAIT", 30);
        if (wait < 1 || wait > 60) {
            throw new IllegalArgumentException("TOCSIN_AGENT_POLL_WAIT must be 1-60 seconds");
        }
        return new AgentConfig(
                URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                token.trim(),
                env.getOrDefault("TOCSIN_AGENT_AUDIO_DEVICE", "default").trim(),
                volume,
                Path.of(env.getOrDefault("TOCSIN_AGENT_STATE_DIR", "/var/lib/tocsin-agent")),
                optional(env, "TOCSIN_AGENT_POWER_ON"),
                optional(env, "TOCSIN_AGENT_POWER_OFF"),
                Duration.ofMillis(Long.parseLong(
                        env.getOrDefault("TOCSIN_AGENT_POWER_WARMUP_MS", "0").trim())),
                Duration.ofSeconds(wait),
                Duration.ofSeconds(seconds(env, "TOCSIN_AGENT_HEARTBEAT", 60)));
    }

    private static String require(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static long seconds(Map<String, String> env, String name, long dflt) {
        String v = env.get(name);
        return v == null || v.isBlank() ? dflt : Long.parseLong(v.trim().replaceFirst("s$", ""));
    }

    @Override
    public String toString() {
        return "AgentConfig[serviceUrl=" + serviceUrl + ", audioDevice=" + audioDevice + ", volume=" + volume
                + ", stateDir=" + stateDir + ", powerOn=" + powerOn.isPresent() + ", powerOff=" + powerOff.isPresent()
                + ", powerWarmUp=" + powerWarmUp + ", pollWait=" + pollWait + ", heartbeatEvery=" + heartbeatEvery
                + "]";
    }
}
