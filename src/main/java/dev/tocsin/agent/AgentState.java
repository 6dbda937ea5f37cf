package dev.tocsin.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a restart needs (state.json): the last queue the server gave, the clock offset, and the
 * plays this box already finished, so it neither replays them nor forgets what it holds offline.
 */
final class AgentState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private volatile DeviceClient.QueueAnswer queue;
    private volatile long offsetMs;
    private final Set<Long> finished = new HashSet<>();

    AgentState(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            JsonNode n = JSON.readTree(file.toFile());
            if (n.has("queue")) {
                queue = DeviceClient.parseQueue(n.get("queue"));
            }
            offsetMs = n.path("offsetMs").asLong();
            n.path("finished").forEach(id -> finished.add(id.asLong()));
        }
    }

    DeviceClient.QueueAnswer queue() {
        return queue;
    }

    long offsetMs() {
        return offsetMs;
    }

    synchronized void offsetMs(long ms) {
        offsetMs = ms;
    }

    synchronized boolean finished(long playId) {
        return finished.contains(playId);
    }

    synchronized void finish(long playId) throws IOException {
        finished.add(playId);
        save();
    }

    /** A new queue from the server; plays it no longer lists are forgotten. */
    synchronized void queue(DeviceClient.QueueAnswer answer) throws IOException {
        queue = answer;
        List<Long> listed = answer.plays().stream().map(QueuedPlay::playId).toList();
        finished.retainAll(listed);
        save();
    }

    private void save() throws IOException {
        ObjectNode n = JSON.createObjectNode().put("offsetMs", offsetMs);
        if (queue != null) {
            n.set("queue", queue.raw());
        }
        com.fasterxml.jackson.databind.node.ArrayNode ids = n.putArray("finished");
        finished.forEach(ids::add);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(n));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
