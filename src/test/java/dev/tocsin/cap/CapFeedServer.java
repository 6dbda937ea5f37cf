package dev.tocsin.cap;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/** Picks a free port for the in-test feed server and configures two feeds on it (the test starts the server). */
public class CapFeedServer implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String base = "http://127.0.0.1:" + port;
        return Map.of(
                "tocsin.cap.feeds.upstream.url",
                base + "/feed.atom",
                "tocsin.cap.feeds.upstream.interval",
                "5m",
                "tocsin.cap.feeds.broken.url",
                base + "/broken.atom",
                "tocsin.cap.feeds.rss.url",
                base + "/feed.rss",
                "tocsin.cap.feeds.embedded.url",
                base + "/embedded.atom",
                "tocsin.cap.feed-backoff-min",
                "30s",
                "tocsin.cap.feed-backoff-max",
                "2m");
    }

    @Override
    public void stop() {}
}
